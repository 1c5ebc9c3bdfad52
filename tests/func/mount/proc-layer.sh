#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: /proc cannot be a layer
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir m
must_fail mount -i -t strata -o lowerdir=/proc none m
dmesg | tail -n 3 | grep -q "/proc cannot be a layer" || fail "reason: $(dmesg | tail -n 3)"
