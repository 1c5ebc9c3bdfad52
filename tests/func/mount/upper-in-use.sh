#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a second mount on the same upperdir or workdir fails with EBUSY; an upper the kernel's overlay holds is refused too, while overlay only warns about one Strata holds
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u w u2 w2 m m2 m3
must mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w2" none m2
expect_reason "upperdir .* in use"
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u2,workdir=$T/w" none m2
expect_reason "workdir .* in use"
# The helper reports the kernel's refusal and its errno.
must_fail mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w2" none m3
expect_reason "in use"
# Released at unmount.
must umount m
must mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w2" none m2
umount m2
# Across the two filesystems: Strata refuses an upper overlayfs holds;
# overlayfs (index=off) only warns about one Strata holds, as the README says.
modprobe overlay 2>/dev/null
if grep -qw overlay /proc/filesystems; then
	mkdir -p wo wo2
	must mount -t overlay -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/wo" none m
	must_fail mount -i -t strata -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m2
	expect_reason "in use"
	umount m
	must mount -t strata -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
	must mount -t overlay -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/wo2" none m2
	expect_reason "in.use"
	umount m2
	umount m
fi
