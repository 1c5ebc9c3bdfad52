#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on: a lower file with three names is copied up once, into the index; every name shows each write, the lower's inode number and three links, in listings too, across a remount and a cache drop
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: a null uuid turns index=on off (see index/mount-checks)"

mklayers 2
mkdir l1/d l1/e
echo old >l1/d/a
ln l1/d/a l1/d/b
ln l1/d/a l1/e/c
ino=$(stat -c %i l1/d/a)
UNION_OPTS=index=on
rwunion m l1 l2

# all_names CONTENT: each name shows CONTENT, the lower's number, 3 links,
# and listings give the same number.
all_names() {
	for n in d/a d/b e/c; do
		check_eq "$n: content" "$(cat "m/$n")" "$1"
		check_eq "$n: st_ino" "$(stat -c %i "m/$n")" "$ino"
		check_eq "$n: links" "$(stat -c %h "m/$n")" 3
	done
	for d in d e; do
		strata-probe dents-ino "m/$d" >.dents || fail "d_ino in $d: $(cat .dents)"
	done
}

all_names old
echo new >>m/d/a
all_names "old
new"
# One copy, in the index, linked at the written name only.
check_eq "index entries" "$(index_entries w | wc -l)" 1
entry=w/index/$(index_entries w)
check_eq "the copy's links" "$(stat -c %h "$entry")" 2
check_eq "d/a is the copy" "$(stat -c %i u/d/a)" "$(stat -c %i "$entry")"
[ -e u/d/b ] && fail "d/b was linked without a change"
[ -e u/e/c ] && fail "e/c was linked without a change"

umount m
rwunion m l1 l2
all_names "old
new"
echo 3 >/proc/sys/vm/drop_caches
all_names "old
new"
# A write through a name not linked yet reaches the same copy.
echo more >>m/e/c
all_names "old
new
more"
check_eq "e/c is the copy" "$(stat -c %i u/e/c)" "$(stat -c %i "$entry")"
check_eq "the copy's links" "$(stat -c %h "$entry")" 3
check_eq "index entries" "$(index_entries w | wc -l)" 1
umount m
rwunion m l1 l2
all_names "old
new
more"
# The lower is untouched.
check_eq "lower" "$(cat l1/d/a)" old
