#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: leftovers of an interrupted copy-up in workdir/work are removed at mount
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u w/work/tmp-dir m
echo half >w/work/half-copied
echo inside >w/work/tmp-dir/f
whiteout w/work/wh
echo keep >u/f
mount -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m 2>.err ||
	fail "mount: $(cat .err)"
test -d w/work || fail "workdir/work missing"
check_eq "work emptied" "$(ls -A w/work)" ""
check_eq "upper untouched" "$(cat u/f)" keep
check_eq "view" "$(cat m/f)" keep
