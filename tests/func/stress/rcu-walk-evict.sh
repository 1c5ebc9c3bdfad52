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

# The walks come from strata-probe's threads, thousands a second (a shell
# loop forks a stat(1) for each walk, and hit the race too seldom to show
# the bug this guards against).
paths="m/$deep/f-l1 m/$deep/f-l2 m/$deep/f-l3 m/$deep/upper"
# shellcheck disable=SC2086 # the paths are words
strata-probe stat-loop "$secs" 3 $paths >"$T/root.out" 2>&1 &
# As an unprivileged user too: its walk checks permission at every level.
$AS_USER strata-probe stat-loop "$secs" 1 "m/$deep/f-l1" >"$T/user.out" 2>&1 &
# Evictions as fast as the kernel makes them: no fork between two.
timeout "$secs" sh -c 'while :; do echo 2 >/proc/sys/vm/drop_caches; done' &
wait
for who in root user; do
	grep -q "stat calls" "$T/$who.out" && ! grep -q "^failed" "$T/$who.out" ||
		fail "$who's walks while inodes were evicted: $(head -n 5 "$T/$who.out")"
done
umount m || fail "umount"
