#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Crash consistency of copy-up, over two boots sharing one disk (/dev/vda):
#
#   crash.sh write POINT POINTS   make an ext4 upper, start copying up a large
#                                 file, and reset the guest (sysrq b: no sync,
#                                 QEMU quits) inside the copy or seconds
#                                 after it, placed by timing a full copy-up
#                                 of the same size first;
#   crash.sh check POINT          after the crash: the ext4 is clean, and
#                                 through strata the file is the old one or
#                                 the complete new one, never a partial copy.
. /strata/tests/lib/guest.sh
mode=crash
disk=/dev/vda
mnt=/mnt/disk
size_mb=32
marker=crash-marker

# The disk and the module; the stock kernel has virtio as modules.
setup() {
	modprobe virtio_pci 2>/dev/null
	modprobe virtio_blk 2>/dev/null
	i=0
	while [ ! -b $disk ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -b $disk ] || { report FAIL crash strata "crash/$1" "crash test disk" "no $disk"; return 1; }
	insmod /strata/modules/strata.ko || return 1
	mkdir -p $mnt /mnt/m
}

mount_union() {
	mount -t strata -o "lowerdir=$mnt/l,upperdir=$mnt/u,workdir=$mnt/w" none /mnt/m
}

# Hundredths of a second since boot.
now_cs() {
	read -r up _ </proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//'
}

write_phase() {
	point=$1 points=$2
	setup "copy-up-$point" || return
	mkfs.ext4 -q -F $disk && mount $disk $mnt || {
		report FAIL crash strata "crash/copy-up-$point" "crash test setup" "mkfs/mount failed"
		return
	}
	mkdir -p $mnt/l $mnt/u $mnt/w
	dd if=/dev/urandom of=$mnt/l/big bs=1M count=$size_mb 2>/dev/null
	cp $mnt/l/big $mnt/l/calibrate
	[ "$(stat -c %s $mnt/l/big)" -eq $((size_mb * 1048576)) ] || {
		report FAIL crash strata "crash/copy-up-$point" "crash test setup" "the lower file is not ${size_mb} MiB"
		return
	}
	md5sum <$mnt/l/big >$mnt/big.md5
	sync
	mount_union || return
	# The same copy-up, timed, places the reset inside the real one.
	t0=$(now_cs)
	chmod 600 /mnt/m/calibrate
	took=$(($(now_cs) - t0))
	# Odd points fall inside the copy; even ones 3, 6, 9 ... s after it,
	# around and past ext4's 5 s journal commit, when the rename is on
	# disk and a copy without its data synced would show.
	if [ $((point % 2)) -eq 1 ]; then
		delay_us=$((took * 10000 * ((point + 1) / 2) / ((points + 1) / 2 + 1)))
	else
		delay_us=$((took * 10000 + point / 2 * 3000000))
	fi
	echo "strata-guest: copy-up of ${size_mb} MiB took ${took}0 ms; reset after ${delay_us} us"
	(echo $marker >>/mnt/m/big) &
	usleep $delay_us
	report END crash
	echo b >/proc/sysrq-trigger
}

# is_old_or_new FILE: the lower bytes, with or without the marker line.
is_old_or_new() {
	size=$(stat -c %s "$1")
	want=$((size_mb * 1048576))
	[ "$(head -c $want "$1" | md5sum)" = "$(cat $mnt/big.md5)" ] || return 1
	[ "$size" -eq $want ] && return 0
	[ "$size" -eq $((want + ${#marker} + 1)) ] && [ "$(tail -n 1 "$1")" = $marker ]
}

check_phase() {
	point=$1 name=crash/copy-up-$point
	desc="a guest reset at point $point of a ${size_mb} MiB copy-up onto ext4 leaves the old file or the whole new one, and a clean fs"
	setup "copy-up-$point" || return
	t0=$(date +%s)
	# Mounting replays the journal; then the fs must check clean.
	mount $disk $mnt && umount $mnt
	fsck_out=$(e2fsck -fn $disk 2>&1) || {
		report FAIL crash strata "$name" "$desc" "e2fsck: $fsck_out"
		return
	}
	mount $disk $mnt && mount_union || {
		report FAIL crash strata "$name" "$desc" "remount failed"
		return
	}
	err=
	is_old_or_new /mnt/m/big || err="merged file is partial: $(stat -c %s /mnt/m/big) bytes"
	if [ -e $mnt/u/big ] && ! is_old_or_new $mnt/u/big; then
		err="$err; upper file is partial: $(stat -c %s $mnt/u/big) bytes"
	fi
	left=$(ls -A $mnt/w/work)
	[ -n "$left" ] && err="$err; left in the workdir after mount: $left"
	state=old
	[ -e $mnt/u/big ] && state=new
	echo "strata-guest: point $point: the file is the $state one"
	secs=$(($(date +%s) - t0))
	if [ -z "$err" ]; then
		report PASS crash strata "$name" "$desc"
	else
		report FAIL crash strata "$name" "$desc" "$err"
	fi
	umount /mnt/m
	umount $mnt
	report END crash
}

case $1 in
write) write_phase "$2" "$3" ;;
check) check_phase "$2" ;;
esac
