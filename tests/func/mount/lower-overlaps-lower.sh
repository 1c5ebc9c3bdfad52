#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower layer inside another lower layer, in either order, or the same layer twice, is refused with ELOOP and a reason
. "$STRATA_TESTS/lib/func.sh"

# Nested lowers would show one object under two names with one inode, and
# a second rm of it would find a link count already at zero.
mkdir -p l1/sub/d l2 m
echo x >l1/sub/d/f
for layers in "$T/l1:$T/l1/sub" "$T/l1/sub:$T/l2:$T/l1" "$T/l2:$T/l1:$T/l1"; do
	must_fail mount -i -t "$FSTYPE" -o "lowerdir=$layers" none m
	expect_reason "overlap"
	check_eq "$layers" "$(strata-probe mount-err "$FSTYPE" "lowerdir=$layers" m)" ELOOP
done
must mount -i -t "$FSTYPE" -o "lowerdir=$T/l1/sub:$T/l2" none m
check_eq "disjoint layers" "$(cat m/d/f)" x
umount m
