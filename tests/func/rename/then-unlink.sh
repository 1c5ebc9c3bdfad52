#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower file renamed to a fresh name and then removed leaves a whiteout at its old name only
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo a >l1/a
echo b >l1/b
rwunion m l1
must mv m/a m/fresh
must rm m/fresh
must mv m/b m/a
check_eq "a" "$(cat m/a)" b
check_eq "upper" "$(upper_tree u)" ". directory
./a regular_file
./b whiteout"
must rm m/a
check_eq "after rm" "$(upper_tree u)" ". directory
./a whiteout
./b whiteout"
check_eq "merged" "$(listing m)" ""
