#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: 500 layers mount through lowerdir=; 501 are refused with a reason
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# Relative paths keep the option string within mount(2)'s 4 KiB page.
mkdir L m
i=1
list=
while [ $i -le 501 ]; do
	mkdir L/$i
	list=$list${list:+:}$i
	[ $i -eq 500 ] && list500=$list
	i=$((i + 1))
done
echo bottom >L/500/f
echo top >L/1/g
cd L
must mount -i -t strata -o "lowerdir=$list500" none ../m
cd ..
check_eq "bottom layer" "$(cat m/f)" bottom
check_eq "top layer" "$(cat m/g)" top
umount m
cd L
must_fail mount -i -t strata -o "lowerdir=$list" none ../m
dmesg | tail -n 5 | grep -q "at most 500" || fail "no reason in the log: $(dmesg | tail -n 3)"
