#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: st_ino survives copy-up, remount and cache drops (the origin's), except for a broken lower hard link; d_ino agrees
. "$STRATA_TESTS/lib/func.sh"

# A lower on another filesystem (NFS) is numbered with xino bits by strata
# and not by the overlay oracle, and its null uuid leaves copies unfollowed.
[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: see attr/ino-origin-unfollowable"

mklayers 2
mkdir -p l1/d/sub l2/d/sub2
echo a >l1/d/f
echo b >l2/d/g
echo h >l1/d/h1
ln l1/d/h1 l1/d/h2
ln -s f l1/d/sym
mkfifo l1/d/fifo
rwunion m l1 l2

paths="d d/sub d/sub2 d/f d/g d/sym d/fifo d/h2"
inos() {
	for p in $paths; do
		printf '%s %s\n' "$p" "$(stat -c %i "m/$p")"
	done
}
before=$(inos)
# With every layer on one filesystem, st_ino is the lower object's own.
check_eq "f before" "$(stat -c %i m/d/f)" "$(stat -c %i l1/d/f)"

echo more >>m/d/f
chmod 600 m/d/g
chown -h 1:1 m/d/sym
chmod 600 m/d/fifo
touch m/d/sub/new m/d/sub2/new
echo more >>m/d/h1
[ -f u/d/f ] && [ -f u/d/g ] && [ -L u/d/sym ] && [ -p u/d/fifo ] ||
	fail "not copied up: $(ls -la u/d)"
check_eq "after copy-up" "$(inos)" "$before"
# A broken hard link's copy is numbered as itself, at once.
check_eq "h1 after copy-up" "$(stat -c %i m/d/h1)" "$(stat -c %i u/d/h1)"
must strata-probe dents-ino m/d

umount m
rwunion m l1 l2
check_eq "after remount" "$(inos)" "$before"
check_eq "h1 after remount" "$(stat -c %i m/d/h1)" "$(stat -c %i u/d/h1)"
must strata-probe dents-ino m/d
must strata-probe dents-ino m

echo 3 >/proc/sys/vm/drop_caches
check_eq "after drop_caches" "$(inos)" "$before"
check_eq "f content" "$(cat m/d/f)" "a
more"
