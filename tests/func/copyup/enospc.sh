#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a copy-up that fills a small upper fails with ENOSPC and leaves no partial file and no workdir entry
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
head -c 8388608 /dev/urandom >l1/big
echo small >l1/small
mkdir small-upper
mount -t tmpfs -o size=2m upper-fs small-upper
mkdir small-upper/u small-upper/w m
must mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/small-upper/u,workdir=$T/small-upper/w" none m
i=0
while [ $i -lt 3 ]; do
	must_fail sh -c 'echo more >>m/big'
	grep -qi "no space" "$T/.err" || fail "not ENOSPC: $(cat "$T/.err")"
	i=$((i + 1))
done
[ -e small-upper/u/big ] && fail "a partial big is in the upper"
check_eq "merged" "$(md5sum <m/big)" "$(md5sum <l1/big)"
echo fine >>m/small
check_eq "small" "$(cat m/small)" "small
fine"
umount m
if [ "$FSTYPE" = strata ]; then
	left=$(ls -A small-upper/w/work)
	[ -z "$left" ] || fail "left in the workdir: $left"
fi
true
