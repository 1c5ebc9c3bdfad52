#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an open directory that merges no layers (lower only, upper only) is streamed: reading it whole charges no copy of its 20 000 entries
. "$STRATA_TESTS/lib/func.sh"

need_memcg
mklayers 1
mkdir -p l1/lower-only u/upper-only
(cd l1/lower-only && seq 1 20000 | sed 's/^/entry-/' | xargs touch)
(cd u/upper-only && seq 1 20000 | sed 's/^/entry-/' | xargs touch)
rwunion m l1
# The real directories are read once outside the cgroup, so that their
# blocks (on a disk filesystem; NFS's readdir cache) are cached before the
# measurement.
for d in "$(lower_path l1)/lower-only" u/upper-only; do
	strata-probe count "$d" >/dev/null || fail "cannot read $d"
done

# A merged copy of 20 000 names costs about 1.5 MB; one open file and its
# real directory's file cost a few KB. 512 KB leaves room for a charge
# batch (64 pages a CPU) taken at the first charge.
for d in lower-only upper-only; do
	out=$(strata-probe dir-charge "m/$d" "$CG") || fail "$d: $out"
	set -- $out
	check_eq "$d entries" "$2" 20002
	[ "$4" -lt 524288 ] || fail "$d: one open directory charged $4 bytes"
done
rmdir "$CG"
