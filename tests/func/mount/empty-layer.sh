#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an empty layer in lowerdir (a::b) is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir m
must_fail mount -t "$FSTYPE" -o "lowerdir=$T/l1::$T/l2" none m
# overlayfs 6.5+ reads "::" as the start of data-only layers, and refuses
# them without metacopy; Strata calls it an empty layer.
expect_reason "empty|data-only"
must_fail mount -t "$FSTYPE" -o "lowerdir=$T/l1:" none m
