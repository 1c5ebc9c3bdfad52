#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: lower layers with unknown or bogus trusted.overlay.* names, odd opaque values and huge xattrs are not followed and copy up cleanly
# fstypes: strata
# (The oracle reads trusted.overlay.origin, so it has no common answer here.
# The redirect and metacopy marks Strata refuses: see
# lookup/metacopy-redirect-refused.)
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d l2/etc
echo below >l2/d/below
echo f >l1/d/f
setfattr -n trusted.overlay.opaque -v x l1/d
setfattr -n trusted.overlay.nosuchmark -v y l1/d
setfattr -n trusted.overlay.origin -v garbage l1/d/f
setfattr -n trusted.overlay.nosuchmark -v y l1/d/f
# The largest value the layers' filesystem takes, of 32 KiB (tmpfs, xfs),
# 15 KiB (btrfs's nodes) and 3 KiB (ext4's blocks).
for big in 32768 15000 3000; do
	setfattr -n trusted.big -v "0x$(head -c $big /dev/zero | od -An -tx1 -v | tr -d ' \n')" \
		l1/d/f 2>/dev/null && break
done
getfattr -n trusted.big l1/d/f >/dev/null 2>&1 || fail "no big xattr fits on $STRATA_BACKING"
rwunion m l1 l2
check_eq "merged" "$(listing m/d)" "below
f"
echo more >>m/d/f
check_eq "content" "$(cat m/d/f)" "f
more"
check_eq "big xattr" "$(getfattr --only-values -n trusted.big u/d/f | wc -c)" $big
getfattr -n trusted.overlay.nosuchmark u/d/f >/dev/null 2>&1 &&
	fail "trusted.overlay.nosuchmark copied up"
# The copy records its own origin, the lower file's handle, never the
# lower's bogus one.
origin=$(getfattr --absolute-names -e hex -n trusted.overlay.origin u/d/f 2>/dev/null |
	sed -n 's/^trusted.overlay.origin=0x//p')
case $origin in
00fb*) ;;
*) fail "the copy's origin [$origin] is not a handle strata wrote" ;;
esac
true
