#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a second mount on the same upperdir or workdir fails with EBUSY
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
