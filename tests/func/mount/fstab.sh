#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an /etc/fstab entry mounts with mount -a and by its mount point; utab records it; umount undoes it
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u w m
echo low >l2/f
saved=$(mktemp)
cp /etc/fstab "$saved" 2>/dev/null || : >"$saved"
trap 'cp "$saved" /etc/fstab; rm -f "$saved"; umount "$T/m" 2>/dev/null' EXIT

# Options a distribution's fstab carries besides the layers: userspace-only
# (nofail, x-*) and mount flags (nodev), as in containers' fstab lines.
echo "none $T/m $FSTYPE lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w,nodev,nofail,x-strata.test=1 0 0" >>/etc/fstab
must mount -a -t "$FSTYPE"
check_eq "merged file after mount -a" "$(cat m/f)" low
findmnt -n -o FSTYPE,OPTIONS "$T/m" >"$T/mnt" || fail "mount -a left nothing at $T/m"
grep -q "^$FSTYPE .*nodev" "$T/mnt" || fail "mount flags: $(cat "$T/mnt")"
if [ "$FSTYPE" = strata ]; then
	# The helper records the userspace options in utab (x-* is kept there).
	grep -q "x-strata.test=1" /run/mount/utab || fail "utab: $(cat /run/mount/utab 2>&1)"
fi
echo new >m/g
must umount m
grep -q " $T/m " /proc/mounts && fail "still mounted after umount"
[ "$FSTYPE" = strata ] && grep -q "$T/m" /run/mount/utab 2>/dev/null && fail "utab keeps $T/m after umount"

# mount by mount point alone: mount(8) completes the entry from fstab.
must mount "$T/m"
check_eq "upper write kept" "$(cat m/g)" new
must umount "$T/m"
