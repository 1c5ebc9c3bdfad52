#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: path walks in RCU mode through a deep merged tree while drop_caches evicts its inodes (8 s on stock, 20 s on the debug kernel, 40 in make check-full, KASAN watching): every stat succeeds, nothing is read after it is freed
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# An RCU path walk calls ->permission on inodes that eviction may be tearing
# down at the same moment; what it reads there must outlive a grace period.
secs=$(stress_secs 8 40)
# make soak runs it for its whole budget (tests/soak/rcu-walk-evict-btrfs.sh).
secs=${STRATA_STRESS_SECS:-$secs}
mklayers 3
deep=d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15
for l in l1 l2 l3; do
	mkdir -p "$l/$deep"
	echo "$l" >"$l/$deep/f-$l"
done
rwunion m l1 l2 l3
mkdir -p "m/$deep/upper"
end=$(($(date +%s) + secs))

for w in 1 2 3; do
	repeat_until "$end" "stat m/$deep/f-l\$((i % 3 + 1)) m/$deep/upper >/dev/null || echo FAILED >>$T/failed" &
done
# As an unprivileged user too: its walk checks permission at every level.
repeat_until "$end" "$AS_USER stat m/$deep/f-l1 >/dev/null || echo FAILED >>$T/failed" &
repeat_until "$end" 'echo 2 >/proc/sys/vm/drop_caches' &
wait
[ -e "$T/failed" ] && fail "$(wc -l <"$T/failed") stat calls failed while inodes were evicted"
umount m || fail "umount"
