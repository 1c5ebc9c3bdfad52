#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: telldir/seekdir/rewinddir return the same entries on a merged directory
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
for l in 1 2 3; do
	mkdir -p l$l/d
	(cd l$l/d && seq 1 150 | sed "s/^/f$l-/" | xargs touch)
done
whiteout l1/d/f2-7
union m l1 l2 l3
out=$(strata-probe seekdir m/d) || fail "$out"
check_eq "entries" "$out" "ok 451"
