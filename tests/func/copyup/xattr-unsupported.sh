#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: copy-up from a btrfs lower to a tmpfs upper leaves behind an xattr only btrfs holds (btrfs.compression) and copies the rest, as overlayfs does
. "$STRATA_TESTS/lib/func.sh"

need_fs btrfs lower.img lo 320M
mkdir -p lo/l u w m
echo data >lo/l/f
setfattr -n btrfs.compression -v zstd lo/l/f 2>"$T/.err" ||
	skip "btrfs here cannot set btrfs.compression: $(cat "$T/.err")"
setfattr -n trusted.kept -v 1 lo/l/f
must mount -t "$FSTYPE" -o "lowerdir=$T/lo/l,upperdir=$T/u,workdir=$T/w" none m
must chmod 0600 m/f
check_eq "copied up" "$(cat u/f)" data
check_eq "other xattrs" "$(getfattr --only-values -n trusted.kept u/f)" 1
check_eq "mode" "$(stat -c %a m/f)" 600
umount m
umount lo
