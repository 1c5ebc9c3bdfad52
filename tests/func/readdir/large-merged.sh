#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: 20000 entries over 4 layers list completely, each once
. "$STRATA_TESTS/lib/func.sh"

mklayers 4
for l in 1 2 3 4; do
	mkdir l$l/d
	(cd l$l/d && seq 1 5000 | sed "s/^/n$l-/" | xargs touch)
done
touch l1/d/n2-1 l4/d/n1-1
union m l1 l2 l3 l4
check_eq "count" "$(ls -A m/d | wc -l)" 20000
check_eq "unique" "$(ls -A m/d | sort -u | wc -l)" 20000
