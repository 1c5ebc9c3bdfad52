#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest side of "make bench" (strata.mode=bench): load strata.ko and the
# stock kernel's overlay, fuse and loop modules, run strata-bench, and put
# its JSON on the results line ($STRATA_RESULTS, ttyS1) between markers
# that scripts/bench.sh cuts it out by. Progress goes to the console.
#   strata.bench=icount|wall   the suite (scripts/bench.sh boots each its way)
#   strata.quick=1             BENCH_QUICK's small subset
#   strata.workloads=A,B       BENCH_WORKLOADS: these workloads only
. /strata/tests/lib/tools.sh
suite=icount
quick=
workloads=
for arg in $(cat /proc/cmdline); do
	case $arg in
	strata.bench=*) suite=${arg#strata.bench=} ;;
	strata.quick=1) quick=--quick ;;
	strata.workloads=*) workloads="--workloads ${arg#strata.workloads=}" ;;
	esac
done
out=${STRATA_RESULTS:-/dev/stdout}

insmod /strata/modules/strata.ko || echo "strata-bench-guest: insmod strata.ko failed"
for m in overlay fuse loop virtio_pci virtio_blk; do
	modprobe $m 2>/dev/null || echo "strata-bench-guest: $m did not load"
done
# The wall suite's ext4 rows go to a real disk when the host gave one.
dev=
[ -b /dev/vda ] && dev="--ext4-dev /dev/vda"

echo "strata-bench-guest: $suite suite ${quick:+(quick) }on Linux $(uname -r), $(nproc) CPUs"
# shellcheck disable=SC2086
strata-bench run --suite "$suite" $quick $dev $workloads --scratch /tmp/bench --out /tmp/bench.json
rc=$?
if [ $rc -eq 0 ]; then
	{
		echo "=== strata-bench $suite json begin ==="
		cat /tmp/bench.json
		echo "=== strata-bench $suite json end ==="
	} >>"$out"
else
	echo "=== strata-bench $suite failed: exit $rc ===" >>"$out"
fi
