#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: leftovers a few levels deep are cleaned; a tree deeper than any leftover is refused, not wiped
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u w/work/x/y/z m
echo nested >w/work/x/y/z/f
must mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
check_eq "nested leftovers cleaned" "$(ls -A w/work)" ""
umount m
mkdir -p w/work/a/b/c/d/e/f/g/h/i/j
echo precious >w/work/a/b/c/d/e/f/g/h/i/j/data
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
expect_reason "earlier mount left"
check_eq "deep tree kept" "$(cat w/work/a/b/c/d/e/f/g/h/i/j/data)" precious
