#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a workdir whose work/incompat holds a feature mark (an overlayfs volatile mount's upper) is refused and the mark kept; an empty work/incompat is no obstacle
. "$STRATA_TESTS/lib/func.sh"

# overlayfs leaves work/incompat/volatile while a volatile mount is up: its
# upper may have lost writes in a crash and must not be reused as it is.
mklayers 1
echo x >l1/f
mkdir -p u w/work/incompat/volatile m
must_fail mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/u,workdir=$T/w" none m
expect_reason "incompat"
[ -d w/work/incompat/volatile ] || fail "the volatile mark was removed"
rmdir w/work/incompat/volatile
must mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/u,workdir=$T/w" none m
check_eq "mounted" "$(cat m/f)" x
umount m
