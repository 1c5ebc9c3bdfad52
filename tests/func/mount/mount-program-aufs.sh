#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: as a mount program, mount.strata reads lowers in the AUFS whiteout format containers/storage unpacks them in for it (".wh.NAME", ".wh..wh..opq"): a file the image deleted stays deleted, and the union is nodev (containers/storage keeps mountopt's flags from a mount program); mount(8)'s form does neither
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

home=$T/storage/overlay
mkdir -p "$home/l/base/etc" "$home/l/del/etc" "$home/c/diff" "$home/c/work" "$home/c/merged"
echo gone >"$home/l/base/etc/removed"
echo kept >"$home/l/base/etc/kept"
touch "$home/l/del/etc/.wh.removed"
# containers/storage sends the data options alone (no nodev from mountopt).
opts="lowerdir=$home/l/del:$home/l/base,upperdir=$home/c/diff,workdir=$home/c/work"
(cd "$home" && /sbin/mount.strata -o "$opts" "$home/c/merged") 2>"$T/.err" ||
	fail "mount program: $(cat "$T/.err")"
check_eq "the image's /etc" "$(ls -A "$home/c/merged/etc" | tr '\n' ' ')" "kept "
case ,$(findmnt -n -o OPTIONS "$home/c/merged"), in
*,nodev,*aufs_whiteouts,*) ;;
*) fail "a mount program's union is nodev, with aufs_whiteouts: $(findmnt -n -o OPTIONS "$home/c/merged")" ;;
esac
must umount "$home/c/merged"
must mount -t strata -o "$opts" none "$home/c/merged"
check_eq "mount(8)'s form" "$(ls -A "$home/c/merged/etc" | tr '\n' ' ')" ".wh.removed kept removed "
must umount "$home/c/merged"
