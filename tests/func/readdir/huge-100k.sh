#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a 100 000-entry directory over 8 layers lists every name once
. "$STRATA_TESTS/lib/func.sh"

# A scale test: under KASAN making the 100 000 files alone takes minutes.
[ "${STRATA_MODE:-}" = debug ] &&
	skip "a scale test, run on the stock kernels: the debug kernel takes 150 s for it"

mklayers 8
for l in 1 2 3 4 5 6 7 8; do
	mkdir l$l/d
	(cd l$l/d && seq 1 12500 | sed "s/^/n$l-/" | xargs touch)
done
# Names shared between layers count once.
touch l1/d/n8-1 l2/d/n8-2
union m l1 l2 l3 l4 l5 l6 l7 l8
out=$(strata-probe count m/d) || fail "$out"
check_eq "count" "$out" 100000
