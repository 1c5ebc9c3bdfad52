#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Crash consistency over two boots sharing one disk (/dev/vda), for two
# kinds of operation:
#
#   copy-up   a 32 MiB lower file copied up by an append; the reset falls
#             inside the copy (placed by timing a full copy-up of the same
#             size first) or 1, 2, ... s after it, around and past ext4's
#             5 s journal commit.
#   rename    directories moved back and forth, without pause, between
#             upper-only names and merged names a lower layer also holds
#             (each move sets the opaque mark, swaps with a whiteout or
#             leaves one); the ext4 commits every second, and the reset
#             falls 0.3, 0.6, ... s into the loop.
#   hardlink  index=on: a lower file with three names copied up by an
#             append through one of them (to the index, then that name
#             linked to it); the reset falls as for copy-up.
#
#   crash.sh write KIND POINT POINTS FS   prepare, start, reset (sysrq b:
#                                         no sync, QEMU quits)
#   crash.sh check KIND POINT FS          after the reset: the filesystem
#                                         checks clean, and through strata
#                                         nothing is half done and the
#                                         workdir is clean
#
# FS is the disk's filesystem: ext4, xfs or btrfs (each committing its
# journal or transaction every second where it can be told to).
. /strata/tests/lib/guest.sh
mode=crash
disk=/dev/vda
mnt=/mnt/disk
size_mb=32
marker=crash-marker
dirs=3		# rename: directories moving around
slots=4		# rename: merged names they move into
files=40	# rename: files in each directory

# The disk and the module; the stock kernel has virtio as modules.
setup() {
	modprobe virtio_pci 2>/dev/null
	modprobe virtio_blk 2>/dev/null
	i=0
	while [ ! -b $disk ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -b $disk ] || { report FAIL crash "$fstype" "crash/$1" "crash test disk" "no $disk"; return 1; }
	modprobe "$fs" 2>/dev/null	# a module on the stock kernels
	insmod /strata/modules/strata.ko || return 1
	mkdir -p $mnt /mnt/m
}

# mount_union KIND: the union, with the options KIND tests.
mount_union() {
	opts=
	[ "$1" = hardlink ] && opts=,index=on
	mount -t strata -o "lowerdir=$mnt/l,upperdir=$mnt/u,workdir=$mnt/w$opts" none /mnt/m
}

# A fresh $fs on the disk with empty layer directories, mounted at $mnt.
fresh_disk() {
	case $fs in
	ext4) mkfs.ext4 -q -F $disk ;;
	xfs) mkfs.xfs -q -f $disk ;;
	btrfs) mkfs.btrfs -q -f $disk ;;
	esac >/dev/null && mount $disk $mnt && mkdir -p $mnt/l $mnt/u $mnt/w
}

# Commits as often as $fs can be told to: ext4 and btrfs every second, xfs
# its log every second.
commit_often() {
	case $fs in
	xfs) echo 100 >/proc/sys/fs/xfs/xfssyncd_centisecs ;;
	*) mount -o remount,commit=1 $mnt ;;
	esac
}

# Whether the unmounted disk checks clean; prints what the checker said.
fs_clean() {
	case $fs in
	ext4) e2fsck -fn $disk 2>&1 ;;
	xfs) xfs_repair -n $disk 2>&1 ;;
	btrfs) btrfs check --readonly $disk 2>&1 ;;
	esac
}

# Hundredths of a second since boot.
now_cs() {
	read -r up _ </proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//'
}

reset_after() {
	echo "strata-guest: reset after $1 us"
	usleep "$1"
	report END crash
	echo b >/proc/sysrq-trigger
}

# copy-up -------------------------------------------------------------------

# lower_big KIND POINT: the lower file big, and calibrate of its size.
lower_big() {
	dd if=/dev/urandom of=$mnt/l/big bs=1M count=$size_mb 2>/dev/null
	dd if=/dev/urandom of=$mnt/l/calibrate bs=1M count=$size_mb 2>/dev/null
	[ "$(stat -c %s $mnt/l/big)" -eq $((size_mb * 1048576)) ] || {
		report FAIL crash "$fstype" "crash/$1-$2" "crash test setup" "the lower file is not ${size_mb} MiB"
		return 1
	}
	md5sum <$mnt/l/big >$mnt/big.md5
}

# append_and_reset POINT POINTS: an append to big through the union, and
# the reset inside its copy-up (odd points) or 1, 2, ... s after it (even
# points). The same copy-up of calibrate, timed, places it.
append_and_reset() {
	point=$1 points=$2
	t0=$(now_cs)
	chmod 600 /mnt/m/calibrate
	took=$(($(now_cs) - t0))
	inside=$(((points + 1) / 2))
	if [ $((point % 2)) -eq 1 ]; then
		delay_us=$((took * 10000 * ((point + 1) / 2) / (inside + 1)))
	else
		delay_us=$((took * 10000 + point / 2 * 1000000))
	fi
	echo "strata-guest: copy-up of ${size_mb} MiB took ${took}0 ms"
	(echo $marker >>/mnt/m/big) &
	reset_after $delay_us
}

copy_up_write() {
	lower_big copy-up "$1" || return
	sync
	mount_union copy-up || return
	append_and_reset "$1" "$2"
}

# is_old_or_new FILE: the lower bytes, with or without the marker line.
is_old_or_new() {
	size=$(stat -c %s "$1")
	want=$((size_mb * 1048576))
	[ "$(head -c $want "$1" | md5sum)" = "$(cat $mnt/big.md5)" ] || return 1
	[ "$size" -eq $want ] && return 0
	[ "$size" -eq $((want + ${#marker} + 1)) ] && [ "$(tail -n 1 "$1")" = $marker ]
}

copy_up_check() {
	err=
	is_old_or_new /mnt/m/big || err="merged file is partial: $(stat -c %s /mnt/m/big) bytes"
	if [ -e $mnt/u/big ] && ! is_old_or_new $mnt/u/big; then
		err="$err; upper file is partial: $(stat -c %s $mnt/u/big) bytes"
	fi
	# A copy lands with its origin record, so the union still shows the
	# lower file's inode number (every layer is on one filesystem here).
	if [ -e $mnt/u/big ] && ! getfattr -n trusted.overlay.origin $mnt/u/big >/dev/null 2>&1; then
		err="$err; the copy has no origin record"
	fi
	if [ "$(stat -c %i /mnt/m/big)" != "$(stat -c %i $mnt/l/big)" ]; then
		err="$err; st_ino $(stat -c %i /mnt/m/big) is not the lower file's $(stat -c %i $mnt/l/big)"
	fi
	state=old
	[ -e $mnt/u/big ] && state=new
	echo "strata-guest: the file is the $state one"
}

# rename --------------------------------------------------------------------

rename_write() {
	point=$1
	# Lower: merged parent p/ whose slots hold lower files, to be hidden.
	s=1
	while [ $s -le $slots ]; do
		mkdir -p $mnt/l/p/s$s
		echo lower >$mnt/l/p/s$s/lowerfile
		s=$((s + 1))
	done
	# A journal commit every second, so that the states on disk at the
	# reset are taken at many moments of the stream, not only at the end.
	commit_often || return
	mount_union rename || return
	# The slots become whiteouts; the directories are upper-only.
	rm -r /mnt/m/p/s*
	d=1
	while [ $d -le $dirs ]; do
		mkdir /mnt/m/d$d
		echo "d$d" >/mnt/m/d$d/marker
		i=1
		while [ $i -le $files ]; do
			echo "$d.$i" >/mnt/m/d$d/f$i
			i=$((i + 1))
		done
		d=$((d + 1))
	done
	sync
	# Each round moves every directory into a free slot (opaque mark, swap
	# with the whiteout) and back out (a whiteout left in the slot).
	(
		round=0
		while :; do
			d=1
			while [ $d -le $dirs ]; do
				slot=$(((round + d) % slots + 1))
				mv /mnt/m/d$d /mnt/m/p/s$slot || exit 1
				mv /mnt/m/p/s$slot /mnt/m/d$d || exit 1
				d=$((d + 1))
			done
			round=$((round + 1))
		done
	) &
	reset_after $((point * 300000))
}

# Every directory is at exactly one name, whole; slots without one are
# hidden; no lower file shows through.
rename_check() {
	err=
	d=1
	while [ $d -le $dirs ]; do
		at=
		for p in /mnt/m/d$d /mnt/m/p/*; do
			[ -f "$p/marker" ] && [ "$(cat "$p/marker")" = "d$d" ] && at="$at $p"
		done
		set -- $at
		if [ $# -ne 1 ]; then
			err="$err; d$d is at [$at]"
		else
			n=$(ls "$1" | grep -c '^f')
			[ "$n" -eq $files ] || err="$err; $1 holds $n of $files files"
			[ -e "$1/lowerfile" ] && err="$err; a lower file shows in $1"
		fi
		d=$((d + 1))
	done
	for p in /mnt/m/p/*; do
		[ -e "$p" ] || continue	# the glob matched nothing
		[ -f "$p/marker" ] || err="$err; slot $p shows without a directory: $(ls -A "$p" 2>&1)"
	done
	echo "strata-guest: $(ls /mnt/m /mnt/m/p | tr '\n' ' ')"
}

# hardlink ------------------------------------------------------------------

hardlink_write() {
	lower_big hardlink "$1" || return
	mkdir $mnt/l/d
	ln $mnt/l/big $mnt/l/big2
	ln $mnt/l/big $mnt/l/d/big3
	ln $mnt/l/calibrate $mnt/l/calibrate2
	sync
	mount_union hardlink || return
	append_and_reset "$1" "$2"
}

# Every name is the same file, old or whole new, numbered as the lower;
# the index holds one whole copy of big at most, which the upper name
# links if it exists.
hardlink_check() {
	ino=$(stat -c %i $mnt/l/big)
	for n in big big2 d/big3; do
		is_old_or_new /mnt/m/$n || err="$err; $n is partial: $(stat -c %s /mnt/m/$n) bytes"
		[ "$(stat -c %i /mnt/m/$n)" = "$ino" ] ||
			err="$err; $n's st_ino $(stat -c %i /mnt/m/$n) is not the lower's $ino"
		[ "$(stat -c %h /mnt/m/$n)" = 3 ] ||
			err="$err; $n shows $(stat -c %h /mnt/m/$n) links"
	done
	[ "$(md5sum </mnt/m/big)" = "$(md5sum </mnt/m/d/big3)" ] ||
		err="$err; big and d/big3 differ"
	copies=0
	for e in $mnt/w/index/*; do
		[ -e "$e" ] || continue
		cmp -s -n 4096 "$e" $mnt/l/calibrate && continue	# the timed one
		copies=$((copies + 1))
		is_old_or_new "$e" || err="$err; index entry $e is partial"
	done
	[ $copies -le 1 ] || err="$err; $copies copies of big in the index"
	if [ -e $mnt/u/big ]; then
		[ $copies -eq 1 ] || err="$err; the upper big links no index entry"
	fi
	state=old
	[ $copies -eq 1 ] && state=new
	echo "strata-guest: the file is the $state one; index: $(ls $mnt/w/index | wc -l) entries"
}

# phases --------------------------------------------------------------------

write_phase() {
	kind=$1 point=$2 points=$3 fs=$4
	setup "$kind-$point" || return
	fresh_disk || {
		report FAIL crash "$fstype" "crash/$kind-$point" "crash test setup" "mkfs/mount failed"
		return
	}
	"$(echo "$kind" | tr - _)_write" "$point" "$points"
}

describe() {
	case $1 in
	copy-up) echo "a guest reset at point $2 of a ${size_mb} MiB copy-up onto $fs leaves the old file or the whole new one, and a clean fs" ;;
	rename) echo "a guest reset at point $2 of a stream of directory renames through merged names leaves each directory at one name, whole, with nothing of the lower showing, and a clean fs" ;;
	hardlink) echo "index=on: a guest reset at point $2 of a ${size_mb} MiB copy-up of a file with three lower names onto $fs leaves all three the old file or the whole new one, one copy in the index at most, and a clean fs" ;;
	esac
}

check_phase() {
	kind=$1 point=$2 fs=$3 name=crash/$1-$2
	desc=$(describe "$kind" "$point")
	setup "$kind-$point" || return
	t0=$(date +%s)
	# Mounting replays the journal; then the fs must check clean.
	mount $disk $mnt && umount $mnt || {
		report FAIL crash "$fstype" "$name" "$desc" "the $fs does not mount after the reset"
		return
	}
	fsck_out=$(fs_clean) || {
		report FAIL crash "$fstype" "$name" "$desc" "$fs check: $fsck_out"
		return
	}
	mount $disk $mnt && mount_union "$kind" || {
		report FAIL crash "$fstype" "$name" "$desc" "remount failed"
		return
	}
	err=
	"$(echo "$kind" | tr - _)_check"
	left=$(ls -A $mnt/w/work)
	[ -n "$left" ] && err="$err; left in the workdir after mount: $left"
	secs=$(($(date +%s) - t0))
	if [ -z "$err" ]; then
		report PASS crash "$fstype" "$name" "$desc"
	else
		report FAIL crash "$fstype" "$name" "$desc" "${err#; }"
	fi
	umount /mnt/m
	umount $mnt
	report END crash
}

# Results name the filesystem unless it is ext4: strata@xfs.
fs=${4:-ext4}
[ "$1" = write ] && fs=${5:-ext4}
fstype=strata
[ "$fs" = ext4 ] || fstype=strata@$fs
case $1 in
write) write_phase "$2" "$3" "$4" "$fs" ;;
check) check_phase "$2" "$3" "$fs" ;;
esac
