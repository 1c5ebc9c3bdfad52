#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower layer inside the upper, or the workdir itself, is refused with ELOOP; an upper inside a lower is refused by strata
. "$STRATA_TESTS/lib/func.sh"

mkdir -p l2 m u/inner w
# ELOOP and a reason, as overlayfs answers the same two.
# (mount-err passes its options as mount(2) data, where the 6.1 overlay
# would not take "ro".)
for lower in "$T/u/inner" "$T/w"; do
	opts="lowerdir=$lower:$T/l2,upperdir=$T/u,workdir=$T/w"
	must_fail mount -i -t "$FSTYPE" -o "ro,$opts" none m
	expect_reason "overlap|conflicting"
	check_eq "lower $lower" "$(strata-probe mount-err "$FSTYPE" "$opts" m)" ELOOP
done

# An upper inside a lower: overlayfs mounts it and answers ELOOP when a
# lookup reaches the upper through the lower; strata refuses the mount.
[ "$FSTYPE" = strata ] || exit 0
mkdir -p base/u base/w
opts="lowerdir=$T/base:$T/l2,upperdir=$T/base/u,workdir=$T/base/w"
must_fail mount -i -t strata -o "ro,$opts" none m
expect_reason "overlaps"
check_eq "upper inside lower" "$(strata-probe mount-err strata "$opts" m)" ELOOP
