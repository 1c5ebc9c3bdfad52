#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: lowerdir= through mount(2) works up to the page; beyond it fails with a reason
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# Layers with paths of about 205 bytes (the scratch directory's length
# varies with the backing filesystem): 19 fit in mount(2)'s 4 KiB page, 25
# do not.
mkdir m
name=$(printf '%0185d' 0)
list=
i=1
while [ $i -le 25 ]; do
	mkdir -p "$T/L$i" && mkdir "$T/L$i/$name"
	list=$list${list:+:}$T/L$i/$name
	[ $i -eq 19 ] && list19=$list
	i=$((i + 1))
done
echo bottom >"$T/L19/$name/f"
[ ${#list19} -lt 4000 ] || fail "19 layers take ${#list19} bytes"
must mount -i -t strata -o "lowerdir=$list19" none m
check_eq "bottom layer" "$(cat m/f)" bottom
umount m
must_fail mount -i -t strata -o "lowerdir=$list" none m
expect_reason "lowerdir\\+"
