#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: appending to a lower file copies it up: the union and the upper get the new data, the lower keeps the old
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo lower >l2/f
rwunion m l1 l2
echo more >>m/f
check_eq "merged" "$(cat m/f)" "lower
more"
check_eq "upper" "$(cat u/f)" "lower
more"
check_eq "lower" "$(cat l2/f)" lower
umount m
work_clean
