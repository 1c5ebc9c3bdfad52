#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest's test plan for one boot: strata-guest/main.sh stock|debug.
#
# Results are lines on $STRATA_RESULTS (see report() in tests/lib/guest.sh);
# the host reads them, and the console log, to decide what passed.
mode=$1
. /strata/tests/lib/guest.sh

# kmemleak reports only what leaks after this point (debug kernel only).
leak_baseline

if [ "$mode" = stock ]; then
	for m in overlay loop; do
		modprobe $m || echo "strata-guest: $m.ko did not load"
	done
fi
modload strata /strata/modules/strata.ko

if [ "$mode" = debug ]; then
	# KUnit runs the suites at insmod; their KTAP goes to the kernel log.
	modload strata_kunit /strata/modules/strata_kunit.ko
	rmmod strata_kunit
fi

run_suite strata
[ "$mode" = stock ] && run_suite overlay

# The suite again with the layers on other filesystems users run
# (strata.backing=xfs,btrfs), and the oracle beside it on request.
# Lowers on NFS (strata.backing=nfs) are always compared with the oracle.
for fs in $(echo "${STRATA_BACKINGS:-}" | tr , ' '); do
	if [ "$mode" = stock ] && { [ -n "${STRATA_BACKING_ORACLE:-}" ] || [ "$fs" = nfs ]; }; then
		run_backing "$fs" strata overlay
	else
		run_backing "$fs" strata
	fi
done

# The module must leave nothing behind once every mount is gone.
if rmmod strata 2>/tmp/rmmod.err; then
	report PASS "$mode" strata module/unload "strata.ko unloads after the suite"
else
	report FAIL "$mode" strata module/unload "strata.ko unloads after the suite" \
		"$(cat /tmp/rmmod.err; grep -w strata /proc/modules)"
fi

leak_check
report END "$mode"
