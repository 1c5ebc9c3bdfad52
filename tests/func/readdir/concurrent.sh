#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: concurrent readers of one merged directory each see the full listing
. "$STRATA_TESTS/lib/func.sh"

mklayers 4
for l in 1 2 3 4; do
	mkdir -p l$l/d
	(cd l$l/d && seq 1 300 | sed "s/^/n$l-/" | xargs touch)
done
union m l1 l2 l3 l4
out=$(strata-probe readdir-concurrent m/d 4 10) || fail "$out"
check_eq "result" "$out" "ok 40 listings of 1202 entries"
