#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upper written through strata mounts under the kernel's overlay with the same merged view, and the reverse
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d/sub l2/d l2/gone/deep l1/keep
echo a >l1/a
echo b >l2/b
echo c >l1/d/c
echo s >l1/d/sub/s
echo g >l2/gone/deep/g
ln -s a l1/link
mkfifo l2/fifo

# The same changes, leaving copy-ups, whiteouts, opaque dirs and renames.
changes() {
	echo more >>"$1/a"
	rm "$1/b" "$1/fifo"
	rm -r "$1/gone"
	mkdir "$1/gone"
	echo new >"$1/gone/new"
	mv "$1/d/c" "$1/d/c2"
	chmod 700 "$1/d/sub"
	ln "$1/a" "$1/a-hard"
	mkdir "$1/fresh"
	echo f >"$1/fresh/f"
	setfattr -n trusted.note -v x "$1/keep"
}

for writer in strata overlay; do
	reader=strata
	[ "$writer" = strata ] && reader=overlay
	mkdir -p "u-$writer" "w-$writer" m
	opts="lowerdir=$T/l1:$T/l2,upperdir=$T/u-$writer,workdir=$T/w-$writer"
	must mount -t "$writer" -o "$opts" none m
	changes m || fail "changes through $writer"
	written=$(snapshot m)
	must umount m
	must mount -t "$reader" -o "$opts" none m
	check_eq "$writer's upper read by $reader" "$(snapshot m)" "$written"
	check_eq "xattr through $reader" "$(getfattr --only-values -n trusted.note m/keep)" x
	must umount m
done
