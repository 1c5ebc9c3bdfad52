#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: copy-up records the origin file handle (overlayfs's format) and marks the parent impure; a broken hard link records none
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: see attr/ino-origin-unfollowable"

mklayers 1
mkdir -p l1/d/e
echo a >l1/f
echo h >l1/h1
ln l1/h1 l1/h2
touch l1/d/e/x
rwunion m l1
echo b >>m/f
echo c >>m/h1
touch m/d/e/x
mkdir m/new
touch m/new/y

# xattr VALUE of PATH in hex, without the leading 0x; empty if absent.
xhex() {
	getfattr --absolute-names -e hex -n "trusted.overlay.$1" "$2" 2>/dev/null |
		sed -n "s/^trusted.overlay.$1=0x//p"
}
for p in u/f u/d u/d/e u/d/e/x; do
	v=$(xhex origin "$p")
	# version 0, magic 0xfb, length, flags 0 (little-endian writer).
	case $v in
	00fb??00*) ;;
	*) fail "$p: origin [$v] is not an overlayfs file handle" ;;
	esac
	len=$(printf '%d' "0x$(echo "$v" | cut -c5-6)")
	check_eq "$p: origin length" "$len" "$((${#v} / 2))"
	# The fid names the lower object: the same bytes for the same object.
	[ "$p" = u/f ] && f_origin=$v
done
check_eq "h1 (two lower links): no origin" "$(xhex origin u/h1)" ""
check_eq "new (no lower): no origin" "$(xhex origin u/new)" ""
check_eq "new/y: no origin" "$(xhex origin u/new/y)" ""
check_eq "upper root impure" "$(xhex impure u)" 79
check_eq "d impure" "$(xhex impure u/d)" 79
check_eq "d/e impure" "$(xhex impure u/d/e)" 79
check_eq "new: not impure" "$(xhex impure u/new)" ""
# Never shown through the union.
getfattr -d -m - m/f 2>/dev/null | grep -q overlay && fail "origin shown through the union"

# A second copy of the same lower object records the same handle.
umount m
rm -rf u w
rwunion m l1
touch m/f
check_eq "origin is the same again" "$(xhex origin u/f)" "$f_origin"
