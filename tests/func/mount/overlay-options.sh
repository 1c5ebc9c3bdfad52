#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: overlayfs options Strata honours are accepted; the rest are refused by name
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo x >l2/f
mkdir m
for opt in index=off index=on metacopy=off nfs_export=off redirect_dir=nofollow xino=auto xino=on \
	default_permissions uuid=off uuid=null uuid=auto; do
	must mount -t strata -o "lowerdir=$T/l1:$T/l2,$opt" none m
	check_eq "$opt: view" "$(cat m/f)" x
	must umount m
done
# Shown in the mount table as overlayfs shows them, and kept by a remount
# that repeats them (mount(8) does).
must mount -t strata -o "lowerdir=$T/l1:$T/l2,default_permissions,uuid=off" none m
grep " $T/m " /proc/mounts | grep -q ",default_permissions,uuid=off" ||
	fail "options not shown: $(grep " $T/m " /proc/mounts)"
must mount -i -o "remount,ro,lowerdir=$T/l1:$T/l2,default_permissions,uuid=off" "$T/m"
# Through mount.strata too: mount(8) repeats the table's options, and the
# helper takes them as long as they are the mounted ones.
must mount -o remount,ro m
must mount -o remount,ro,default_permissions,uuid=off m
must_fail mount -o remount,ro,uuid=null m
expect_reason "option 'uuid=null' cannot change on remount"
must umount m
must mount -t strata -o "lowerdir=$T/l1:$T/l2,uuid=null" none m
must_fail mount -i -o "remount,ro,lowerdir=$T/l1:$T/l2,default_permissions" "$T/m"
expect_reason "cannot change on remount"
must umount m
# Refused by the kernel (mount -i: straight to it, without mount.strata).
for opt in metacopy=on nfs_export=on redirect_dir=on redirect_dir=follow \
	redirect_dir=off xino=off uuid=on; do
	must_fail mount -i -t strata -o "lowerdir=$T/l1:$T/l2,$opt" none m
	expect_reason "${opt%%=*}"
done
# mount.strata drops metacopy=on, which distributions' container
# configurations set, with a warning: copy-ups then copy the data.
must mount -t strata -o "lowerdir=$T/l1:$T/l2,metacopy=on" none m
grep -q "warning: ignoring 'metacopy=on'" "$T/.err" || fail "no warning: $(cat "$T/.err")"
must umount m

# volatile (which container tools add as a speed hint): the kernel has no
# such mode and says so; mount.strata drops the hint with a warning.
must_fail mount -i -t strata -o "lowerdir=$T/l1:$T/l2,volatile" none m
expect_reason "volatile: strata always syncs"
must mount -t strata -o "lowerdir=$T/l1:$T/l2,volatile" none m
grep -q "warning: ignoring 'volatile'" "$T/.err" || fail "no warning: $(cat "$T/.err")"
must umount m
