#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a 1 000 000-entry directory, streamed (one layer) and merged (two layers of 500 000), listed through strata, overlay and the bare tmpfs: the kernel memory one open holds and the time of a full listing
. "$STRATA_TESTS/lib/func.sh"

# tmpfs counts every hard link against its inode limit: lift it.
mount -t tmpfs -o mode=0755,nr_inodes=0 soak "$T" && cd "$T" ||
	fail "cannot mount an unlimited tmpfs"
# Hard links to one file: a million names without a million inodes. l4
# stays empty: overlay wants two lowers for a union without an upper.
mklayers 4
mkdir l1/d l2/d l3/d
touch l1/f l2/f l3/f
strata-probe link-many l1/f l1/d one- 1000000 || fail "linking l1"
strata-probe link-many l2/f l2/d upper- 500000 || fail "linking l2"
strata-probe link-many l3/f l3/d lower- 500000 || fail "linking l3"
need_memcg

# measure WHAT DIR ENTRIES: one open of DIR read whole inside the cgroup;
# prints the line and checks the count.
measure() {
	out=$(strata-probe dir-charge "$2" "$CG") || fail "$1: $out"
	set -- "$1" "$2" "$3" $out
	check_eq "$1 entries" "$5" "$3"
	echo "$1: $5 entries, $(($7 / 1024)) KiB charged to the open, $9 ms"
	charged=$7
}

measure "bare tmpfs" l1/d 1000002
for fs in strata overlay; do
	FSTYPE=$fs
	union "m-$fs-one" l1 l4
	measure "$fs one layer (streamed), cold" "m-$fs-one/d" 1000002
	[ "$charged" -lt 1048576 ] ||
		fail "$fs: an open streamed directory holds $charged bytes"
	measure "$fs one layer (streamed), warm" "m-$fs-one/d" 1000002
	union "m-$fs-two" l2 l3
	measure "$fs two layers (merged), cold" "m-$fs-two/d" 1000002
	measure "$fs two layers (merged), warm" "m-$fs-two/d" 1000002
	umount "m-$fs-one" "m-$fs-two"
done
rmdir "$CG"
