#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: write errors (EIO) from the upper's disk during copy-up and during writes fail the call, never show a partial file, and leave a checkable fs and a clean workdir
. "$STRATA_TESTS/lib/func.sh"

# The upper is ext4 on a device-mapper device over a loop file. Its table
# switches between a plain mapping and dm-flakey failing every write.
modprobe dm-flakey 2>/dev/null
command -v dmsetup >/dev/null || skip "no dmsetup in the guest"
export DM_DISABLE_UDEV=1	# no udev in the guest: dmsetup makes the nodes
truncate -s 64M disk.img
loop=$(losetup -f --show "$T/disk.img") || fail "losetup: no loop device"
sectors=$((64 * 2048))
dev=strata-eio-$$
cleanup() {
	umount "$T/m" 2>/dev/null
	umount "$T/up" 2>/dev/null
	dmsetup remove --noudevsync "$dev" 2>/dev/null
	losetup -d "$loop" 2>/dev/null
}
trap cleanup EXIT
table() { # healthy|failing
	case $1 in
	healthy) echo "0 $sectors linear $loop 0" ;;
	failing) echo "0 $sectors flakey $loop 0 0 3600 1 error_writes" ;;
	esac
}
switch_to() {
	dmsetup suspend --noudevsync --nolockfs "$dev" &&
		table "$1" | dmsetup reload --noudevsync "$dev" &&
		dmsetup resume --noudevsync "$dev" || fail "dmsetup: cannot switch to $1"
}
table healthy | dmsetup create --noudevsync "$dev" 2>"$T/.err" ||
	skip "device-mapper unavailable: $(cat "$T/.err")"
mkfs.ext4 -q -F "/dev/mapper/$dev" >"$T/.err" 2>&1 || fail "mkfs.ext4: $(cat "$T/.err")"
mkdir up
mount "/dev/mapper/$dev" up || fail "mount ext4"
mkdir -p up/u up/w l1
head -c 4194304 /dev/urandom >l1/big
sum=$(md5sum <l1/big)
echo small >l1/small
union_on_disk() {
	mkdir -p m
	mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/up/u,workdir=$T/up/w" none m ||
		fail "mount $FSTYPE over the ext4 upper"
}
union_on_disk

# Copy-up while every write to the disk fails: the call fails with EIO
# (or EROFS once ext4 gives up on its journal), and the old file shows.
switch_to failing
if (echo more >>m/big) 2>"$T/.err"; then
	fail "append with a failing upper disk succeeded"
fi
grep -Eqi 'input/output|read-only' "$T/.err" || fail "append error: $(cat "$T/.err")"
check_eq "merged file after the failed copy-up" "$(md5sum <m/big)" "$sum"

# A plain write into an upper file: fsync reports the error.
switch_to healthy
umount m
umount up
e2fsck -fy "/dev/mapper/$dev" >/dev/null 2>&1
mount "/dev/mapper/$dev" up || fail "mount ext4 after the first fault"
union_on_disk
echo before >m/small || fail "copy-up with a healthy disk"
switch_to failing
strata-probe fallocate m/small 0 1048576 >/dev/null 2>&1
if dd if=/dev/zero of=m/small bs=64k count=16 conv=fsync,notrunc 2>"$T/.err"; then
	fail "fsync with a failing upper disk succeeded"
fi
switch_to healthy

# After the faults: unmount, check the disk, mount again: nothing partial
# shows and the workdir holds nothing.
umount m
umount up
e2fsck -fy "/dev/mapper/$dev" >"$T/fsck" 2>&1
rc=$?
[ $rc -le 1 ] || fail "e2fsck could not repair the upper (exit $rc): $(tail -n 5 "$T/fsck")"
e2fsck -fn "/dev/mapper/$dev" >"$T/fsck" 2>&1 || fail "upper not clean after repair: $(tail -n 5 "$T/fsck")"
mount "/dev/mapper/$dev" up || fail "mount ext4 after the faults"
union_on_disk
big=$(md5sum <m/big)
[ "$big" = "$sum" ] || [ "$(head -c 4194304 m/big | md5sum)" = "$sum" ] ||
	fail "merged big is neither the old nor a whole new file: $(stat -c %s m/big) bytes"
[ -z "$(ls -A up/w/work 2>/dev/null)" ] || [ "$FSTYPE" != strata ] ||
	fail "workdir not cleaned: $(ls -A up/w/work)"
