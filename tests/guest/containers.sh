#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 of the container guest, on the root disk (tests/guest/containers-root.sh
# got it there). Runs the container tests (tests/containers/*.sh) once for
# each way an engine reaches Strata (mount-program, drop-in), and once on
# the kernel's overlay as the oracle (tests/lib/container-ways.sh); the way
# is the test's $FSTYPE. Results go to ttyS1 as in the other guests
# (tests/lib/guest.sh).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root STRATA_RESULTS=/dev/ttyS1
mode=containers
. /strata/tests/lib/guest.sh
. /strata/tests/lib/container-ways.sh
containers_guest_init

# The tests make check leaves to make check-containers (strata.full=1):
# twenty containers at once and a 100-layer image take a minute a way.
containers_skips="containers/many,containers/many-layers"

for way in $ways; do
	way_setup "$way" || continue
	for script in /strata/tests/containers/*.sh; do
		name=containers/$(basename "$script" .sh)
		[ -z "${STRATA_CONTAINERS_FULL:-}" ] &&
			matches_any "$name" "$containers_skips" && continue
		run_one "$way" "$script"
	done
	way_teardown "$way"
done
compare_ways
report END "$mode"
echo "strata-guest: done (mode $mode)"
sync
/bin/busybox reboot -f
