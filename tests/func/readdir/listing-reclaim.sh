#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a merged directory's cached listing and lower-name index are charged to the reader's memory cgroup, and memory pressure frees them while the directory stays open
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# overlay frees its listing at the last close; strata keeps it for the next
# opendir, which is what needs a shrinker.
need_memcg
mklayers 2
mkdir l1/d l2/d
(cd l1/d && seq 1 10000 | sed 's/^/upper-layer-entry-/' | xargs touch)
(cd l2/d && seq 1 10000 | sed 's/^/lower-layer-entry-/' | xargs touch)
union m l1 l2
for d in "$(lower_path l1)/d" "$(lower_path l2)/d"; do
	strata-probe count "$d" >/dev/null || fail "cannot read $d"
done
# An open directory that has not been read pins the inode, and with it
# whatever the inode caches, but holds no listing itself.
exec 3<m/d
base=$(cat "$CG/memory.current")
sh -c 'echo $$ >"$1/cgroup.procs" && exec strata-probe count "$2" >/dev/null' _ "$CG" m/d ||
	fail "reading m/d in the cgroup failed"
cached=$(($(cat "$CG/memory.current") - base))
# 20 000 names in the index and 10 000 in the listing: about 2.5 MB.
[ "$cached" -gt 1000000 ] || fail "the cached listing charged $cached bytes, expected over 1 MB"

echo 2 >/proc/sys/vm/drop_caches
# The index is freed after an RCU grace period, from a workqueue.
left=$cached
for i in 1 2 3 4 5 6 7 8 9 10; do
	left=$(($(cat "$CG/memory.current") - base))
	[ "$left" -lt $((cached / 4)) ] && break
	sleep 1
done
[ "$left" -lt $((cached / 4)) ] ||
	fail "memory pressure left $left of $cached bytes charged"
# The listing is read again, whole, after reclaim.
check_eq "count" "$(strata-probe count m/d)" 20000
exec 3<&-
rmdir "$CG"
