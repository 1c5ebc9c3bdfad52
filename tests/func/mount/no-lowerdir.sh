#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a mount without lowerdir is refused
. "$STRATA_TESTS/lib/func.sh"

mkdir m
must_fail mount -t "$FSTYPE" -o ro none m
expect_reason "lowerdir"
