#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a file created where one was deleted replaces the whiteout; deleting it again brings the whiteout back
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo lower >l1/f
ln -s x l1/s
rwunion m l1
rm m/f m/s
echo again >m/f
ln -s y m/s
check_eq "content" "$(cat m/f)" again
check_eq "link" "$(readlink m/s)" y
check_eq "upper" "$(upper_tree u)" ". directory
./f regular_file
./s symbolic_link"
rm m/f
check_eq "after second rm" "$(upper_tree u)" ". directory
./f whiteout
./s symbolic_link"
[ -e m/f ] && fail "the lower file came back"
umount m
work_clean
