#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: upperdir without workdir is refused; workdir without upperdir is ignored with a message, as overlayfs does
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo x >l2/f
mkdir u w m
must_fail mount -i -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u" none m
expect_reason "workdir"
check_eq "upper alone" "$(strata-probe mount-err "$FSTYPE" "lowerdir=$T/l1:$T/l2,upperdir=$T/u" m)" EINVAL

# A workdir alone: the union mounts read-only from the lowers, the kernel
# says the workdir goes unused, and nothing is made in it.
must mount -i -t "$FSTYPE" -o "lowerdir=$T/l1:$T/l2,workdir=$T/w" none m
expect_reason "workdir.*(ignore|useless)"
check_eq "view" "$(cat m/f)" x
grep " $T/m " /proc/mounts | grep -q " ro[, ]" || fail "not read-only: $(grep " $T/m " /proc/mounts)"
grep " $T/m " /proc/mounts | grep -q "workdir=" && fail "workdir shown: $(grep " $T/m " /proc/mounts)"
check_eq "workdir untouched" "$(ls -A w)" ""
must umount m

# Through the helper, which drops it with a warning.
if [ "$FSTYPE" = strata ]; then
	must mount -t strata -o "lowerdir=$T/l1:$T/l2,workdir=$T/w" none m
	grep -q "ignoring 'workdir=$T/w'" "$T/.err" || fail "no warning: $(cat "$T/.err")"
	check_eq "helper view" "$(cat m/f)" x
	must umount m
fi
exit 0
