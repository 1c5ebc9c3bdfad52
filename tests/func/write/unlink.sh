#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: unlink leaves a whiteout where a lower file would show through, and none for an upper-only file
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo a >l1/lower-file
echo b >l2/deep-file
echo c >l1/copied
mkdir l2/d
echo d >l2/d/f
rwunion m l1 l2
echo new >m/upper-only
echo more >>m/copied
must rm m/lower-file m/deep-file m/upper-only m/copied m/d/f
check_eq "merged" "$(listing m)" d
check_eq "merged d" "$(listing m/d)" ""
check_eq "upper" "$(upper_tree u)" ". directory
./copied whiteout
./d directory
./d/f whiteout
./deep-file whiteout
./lower-file whiteout"
must_fail cat m/lower-file
check_eq "lower" "$(cat l1/lower-file)" a
