#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an unknown option is refused, never ignored
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir m
must_fail mount -t "$FSTYPE" -o "lowerdir=$T/l1:$T/l2,frobnicate=1" none m
expect_reason "frobnicate"
