#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: on btrfs and xfs uppers, fsync, O_SYNC writes, msync and an extending fallocate through the union reach the real file (the real filesystem gets its own dentry and inode, never the union's)
. "$STRATA_TESTS/lib/func.sh"

# btrfs's fsync and xfs's fallocate look the file up with file_dentry().
# Where the real file carries the union's path (6.1), only d_real() gives
# them their own dentry; without it they take the union's inode for theirs.
for fs in btrfs xfs; do
	need_fs "$fs" "$fs.img" "$fs" 320M
	mkdir -p "$fs/l" "$fs/u" "$fs/w" "$fs/m"
	echo lower >"$fs/l/f"
	mount -t "$FSTYPE" -o "lowerdir=$T/$fs/l,upperdir=$T/$fs/u,workdir=$T/$fs/w" none "$fs/m" 2>"$T/.err" ||
		fail "mount over $fs: $(cat "$T/.err")"
	check_eq "$fs fsync" "$(strata-probe write-sync "$fs/m/f" one fsync)" ok
	check_eq "$fs O_SYNC" "$(strata-probe write-sync "$fs/m/new" two osync)" ok
	check_eq "$fs msync" "$(strata-probe write-sync "$fs/m/new" T msync)" ok
	check_eq "$fs fallocate" "$(strata-probe fallocate "$fs/m/new" 0 1048576)" ok
	# Reflinks: overlayfs clones on these uppers; Strata has no clone
	# operation yet (README, "Where Strata differs from overlayfs").
	clone=EOPNOTSUPP
	[ "$FSTYPE" = overlay ] && clone=ok
	check_eq "$fs FICLONE" "$(strata-probe ficlone "$fs/m/new" "$fs/m/f")" "$clone"
	check_eq "$fs fsync" "$(head -c 3 "$fs/u/f")" "$([ "$FSTYPE" = overlay ] && echo Two || echo one)"
	check_eq "$fs O_SYNC and msync" "$(head -c 3 "$fs/u/new")" Two
	check_eq "$fs fallocate size" "$(stat -c %s "$fs/m/new")" 1048576
	check_eq "$fs upper size" "$(stat -c %s "$fs/u/new")" 1048576
	umount "$fs/m"
	umount "$fs"
done
