#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a layer on a filesystem that folds case in names (casefold ext4) is refused at mount, naming why; overlay refuses it at mount (6.12) or at lookup with EREMOTE (6.1)
. "$STRATA_TESTS/lib/func.sh"

# Such a filesystem compares names its own way: lookups and the byte-wise
# lower-name index would disagree about which names a layer holds.
command -v mkfs.ext4 >/dev/null || skip "no mkfs.ext4 in the guest"
truncate -s 64M cf.img
mkfs.ext4 -q -F -O casefold cf.img >"$T/.err" 2>&1 || skip "mkfs.ext4 cannot make casefold: $(cat "$T/.err")"
mkdir cf l2 m
mount -o loop cf.img cf 2>"$T/.err" ||
	skip "this kernel cannot mount a casefold ext4 (built without CONFIG_UNICODE): $(cat "$T/.err")"
mkdir cf/l
chattr +F cf/l 2>/dev/null || fail "chattr +F on a casefold ext4"
echo x >cf/l/File
if [ "$FSTYPE" = strata ]; then
	must_fail mount -i -t strata -o "lowerdir=$T/cf/l:$T/l2" none m
	expect_reason "case-insensitive"
elif mount -i -t overlay -o "lowerdir=$T/cf/l:$T/l2" none m 2>"$T/.err"; then
	# overlay before its mount-time check: refused at lookup instead.
	check_eq "lookup" "$(strata-probe open-err m/File O_RDONLY)" EREMOTE
	umount m
else
	expect_reason "case-insensitive|not supported"
fi
umount cf
