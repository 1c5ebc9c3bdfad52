#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a directory made where a lower one was removed is opaque: the old contents stay hidden
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
echo 1 >l1/d/one
echo 2 >l2/d/two
rwunion m l1 l2
must rm -r m/d
check_eq "after rm" "$(upper_tree u)" ". directory
./d whiteout"
must mkdir m/d
check_eq "new dir" "$(listing m/d)" ""
echo 3 >m/d/three
check_eq "listing" "$(listing m/d)" three
check_eq "upper" "$(upper_tree u)" ". directory
./d directory opaque=y
./d/three regular_file"
umount m
work_clean
