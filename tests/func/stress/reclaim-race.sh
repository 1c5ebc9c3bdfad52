#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: listings and lookups of a merged directory over four lowers while memory pressure drops its cached listing and lower-name index under them (8 s on stock, 12 s on the debug kernel, 25 in make check-full, KASAN and lockdep watching): every listing whole, every lookup right
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# Lookups read the index under RCU alone while the shrinker unpublishes and
# frees it; listings point into it. The open descriptor keeps the inode, so
# that only the shrinker, not eviction, takes the caches away.
secs=$(stress_secs 8 25)
mklayers 4
for l in 1 2 3 4; do
	mkdir "l$l/d"
	(cd "l$l/d" && seq 1 300 | sed "s/^/f$l-/" | xargs touch)
done
rwunion m l1 l2 l3 l4
exec 3<m/d
end=$(($(date +%s) + secs))

# The count is 1200, or 1201 while the writer's file exists.
repeat_until "$end" 'n=$(strata-probe count m/d); [ "$n" = 1200 ] || [ "$n" = 1201 ] || echo "count $n" >>$T/failed' &
# A name only the bottom layer holds, and one no layer holds: the index
# sends the first to layer 4 and answers the second without a lookup.
repeat_until "$end" 'stat m/d/f4-$((i % 300 + 1)) >/dev/null || echo "lookup f4-$((i % 300 + 1))" >>$T/failed; ! stat m/d/none-$i 2>/dev/null || echo "none-$i found" >>$T/failed' &
repeat_until "$end" 'touch m/d/new && rm m/d/new' &
repeat_until "$end" 'echo 2 >/proc/sys/vm/drop_caches' &
wait
[ -e "$T/failed" ] && fail "$(wc -l <"$T/failed") failures, first: $(head -n 3 "$T/failed")"
check_eq "count" "$(strata-probe count m/d)" 1200
exec 3<&-
umount m || fail "umount"
