#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: files and directories written by overlayfs with metacopy=on or redirect_dir=on are refused with EPERM and a kernel message, never shown as zeros or half a directory
. "$STRATA_TESTS/lib/func.sh"

# An upper as overlayfs leaves it with those features on: "meta" is a
# metadata-only copy (sparse, its data in the lower), "renamed" a directory
# moved from "olddir", which holds its lower entries. Overlay is asked not to
# follow redirects; Debian's overlay follows them by default and Strata
# never does (README).
mklayers 1
mkdir -p u w l1/olddir u/renamed
printf 'lower data' >l1/meta
echo inlower >l1/olddir/entry
truncate -s 10 u/meta
setfattr -n trusted.overlay.metacopy u/meta
setfattr -n trusted.overlay.redirect -v olddir u/renamed
echo plain >l1/plain
opts=lowerdir=l1,upperdir=u,workdir=w
[ "$FSTYPE" = overlay ] && opts=$opts,redirect_dir=nofollow
mkdir m
must mount -t "$FSTYPE" -o "$opts" none m

must_fail cat m/meta
grep -qi "not permitted" "$T/.err" || fail "metacopy file: not EPERM: $(cat "$T/.err")"
expect_reason "metacopy"
must_fail ls m/renamed
grep -qi "not permitted" "$T/.err" || fail "redirected directory: not EPERM: $(cat "$T/.err")"
expect_reason "redirect"
# The refusal is the object's alone: the rest of the union works.
check_eq "a plain file" "$(cat m/plain)" plain
check_eq "the lower directory" "$(cat m/olddir/entry)" inlower
umount m

# A redirect in the bottom layer leads nowhere: nothing to refuse.
setfattr -n trusted.overlay.redirect -v elsewhere l1/olddir
must mount -t "$FSTYPE" -o "$opts" none m
check_eq "redirect in the bottom layer" "$(cat m/olddir/entry)" inlower
umount m
