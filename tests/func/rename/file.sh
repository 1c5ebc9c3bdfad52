#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: renaming lower files within and across directories leaves whiteouts behind and the data in place
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/a l2/b
echo one >l1/a/one
echo two >l2/b/two
echo three >l2/three
rwunion m l1 l2
must mv m/a/one m/a/uno
must mv m/b/two m/a/dos
must mv m/three m/b/three
check_eq "contents" "$(cat m/a/uno m/a/dos m/b/three)" "one
two
three"
check_eq "merged" "$(cd m && find . | sort)" ".
./a
./a/dos
./a/uno
./b
./b/three"
check_eq "upper" "$(upper_tree u)" ". directory
./a directory
./a/dos regular_file
./a/one whiteout
./a/uno regular_file
./b directory
./b/three regular_file
./b/two whiteout
./three whiteout"
umount m
work_clean
