#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: stress/rcu-walk-evict for the whole soak budget (STRATA_SOAK_SECS) with the layers on btrfs, where a list corruption was once seen under the 6.1 kernel: every stat succeeds and the kernel log stays clean
. "$STRATA_TESTS/lib/func.sh"

# The functional test runs for 15 s; a rare race needs hours of the same
# pressure. Its layers go on a fresh btrfs, as in the one run that met it.
secs=${STRATA_SOAK_SECS:-1800}
need_fs btrfs btrfs.img b 1G
t0=$(date +%s)
out=$(cd "$T/b" && T=$T/b STRATA_STRESS_SECS=$secs \
	sh "$STRATA_TESTS/func/stress/rcu-walk-evict.sh" 2>&1)
rc=$?
umount -R "$T/b"
[ "$rc" = 0 ] || fail "after $(($(date +%s) - t0)) s: $out"
echo "rcu-walk-evict on btrfs: $(($(date +%s) - t0)) s of walks and evictions, every stat succeeded"
