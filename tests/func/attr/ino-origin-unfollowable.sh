#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower whose handles cannot be followed (no file handles; a mounter without CAP_DAC_READ_SEARCH; a null uuid) gives copies their own st_ino, stable across remount
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# check_copy LOWER: copies LOWER/f up through a union of LOWER alone and
# checks that it is numbered as its upper object, before and after a
# remount, and that the listing agrees.
check_copy() {
	rm -rf u w
	rwunion m "$1"
	echo more >>m/f
	check_eq "$1: st_ino after copy-up" "$(stat -c %i m/f)" "$(stat -c %i u/f)"
	umount m
	rwunion m "$1"
	check_eq "$1: st_ino after remount" "$(stat -c %i m/f)" "$(stat -c %i u/f)"
	must strata-probe dents-ino m
	check_eq "$1: content" "$(cat m/f)" "one
more"
	umount m
}

# ramfs makes no file handles: the copy records an empty origin.
mkdir ram
mount -t ramfs ram ram || skip "no ramfs"
echo one >ram/f
check_copy "$T/ram"
check_eq "empty origin" \
	"$(getfattr --absolute-names -e hex -n trusted.overlay.origin u/f 2>&1 | sed -n 's/^trusted.overlay.origin=//p')" 0x

# A mounter without CAP_DAC_READ_SEARCH may not open objects by handle:
# copies record an empty origin.
mkdir ml
echo one >ml/f
rm -rf u w
mkdir u w m2
setpriv --bounding-set=-dac_read_search \
	mount -t strata -o "lowerdir=$T/ml,upperdir=$T/u,workdir=$T/w" none m2 2>.err ||
	fail "mount without CAP_DAC_READ_SEARCH: $(cat .err)"
echo more >>m2/f
check_eq "no CAP_DAC_READ_SEARCH: st_ino" "$(stat -c %i m2/f)" "$(stat -c %i u/f)"
check_eq "no CAP_DAC_READ_SEARCH: empty origin" \
	"$(getfattr --absolute-names -e hex -n trusted.overlay.origin u/f 2>&1 | sed -n 's/^trusted.overlay.origin=//p')" 0x
umount m2

# An ext4 with a null uuid cannot be told from another: its handles are
# recorded but not followed, and the mount says so.
need_ext4 img e4
umount e4
mkfs.ext4 -q -F -U clear img >.err 2>&1 || fail "mkfs.ext4 -U clear: $(cat .err)"
mount -o loop img e4 || fail "mount ext4"
echo one >e4/f
dmesg -c >/dev/null
check_copy "$T/e4"
dmesg | grep -q "uuid is null" || fail "no warning of the null uuid: $(dmesg | tail -n 3)"
