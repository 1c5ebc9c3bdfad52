#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: where fsopen() answers ENOSYS (an old seccomp profile), mount.strata falls back to mount(2), and says so when the options outgrow its page
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

grep -q '^Seccomp_filters:' /proc/self/status ||
	skip "this kernel has no seccomp filters to make fsopen() answer ENOSYS"
mklayers 2
mkdir -p u w m 'l,3'
echo top >l1/f
echo bottom >'l,3/g'
must strata-probe no-fsopen mount -v -t strata \
	-o "lowerdir=$T/l1:$T/l2:$T/l\\,3,upperdir=$T/u,workdir=$T/w,nosuid" none "$T/m"
grep -q "mount(2) with" "$T/.err" || fail "no fallback step in -v output: $(cat "$T/.err")"
check_eq "top" "$(cat m/f)" top
check_eq "escaped layer" "$(cat m/g)" bottom
findmnt -n -o OPTIONS "$T/m" | grep -q nosuid || fail "nosuid lost: $(findmnt -n "$T/m")"
echo new >m/h
check_eq "written to upper" "$(cat u/h)" new
must umount m

# 30 layers of 200-byte paths need the new API's one key per layer.
name=$(printf '%0190d' 0)
list=
i=1
while [ $i -le 30 ]; do
	mkdir -p "$T/L$i/$name"
	list=$list${list:+:}$T/L$i/$name
	i=$((i + 1))
done
must_fail strata-probe no-fsopen mount -t strata -o "lowerdir=$list" none "$T/m"
expect_reason "more than the 4095 that mount\\(2\\) accepts"
must mount -t strata -o "lowerdir=$list" none "$T/m"
must umount m
