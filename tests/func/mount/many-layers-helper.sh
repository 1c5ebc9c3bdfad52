#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: 128 and 500 layers with 200-byte paths mount through mount -t strata (lowerdir+)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir m
name=$(printf '%0190d' 0)
i=1
while [ $i -le 500 ]; do
	mkdir -p "$T/L$i/$name"
	i=$((i + 1))
done
echo top >"$T/L1/$name/t"
for n in 128 500; do
	echo "bottom $n" >"$T/L$n/$name/b$n"
	list=
	i=1
	while [ $i -le $n ]; do
		list=$list${list:+:}$T/L$i/$name
		i=$((i + 1))
	done
	must mount -t strata -o "lowerdir=$list" none m
	check_eq "$n: top" "$(cat m/t)" top
	check_eq "$n: bottom" "$(cat "m/b$n")" "bottom $n"
	shown=$(awk -v m="$T/m" '$2 == m { print $4 }' /proc/mounts | tr ':' '\n' | grep -c "$name")
	check_eq "$n: layers in /proc/mounts" "$shown" "$n"
	must umount m
done
must_fail mount -t strata -o "lowerdir=$list:$T/L1/$name" none m
expect_reason "at most 500"
