#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lowerdir that does not exist is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir m
must_fail mount -t "$FSTYPE" -o lowerdir=l1:"$T/nope" none m
expect_reason "nope"
grep -q " $T/m " /proc/mounts && fail "mounted anyway"
exit 0
