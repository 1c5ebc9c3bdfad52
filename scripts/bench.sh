#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: build strata-bench and strata.ko for each stock kernel
# (Debian's 6.1 and 6.12), boot each kernel in QEMU twice, pull each boot's
# JSON off its results line and write a report per kernel
# (build/bench/SERIES/report.md and plots), strata measured against that
# kernel's own overlay, and build/bench/report.md holding both.
#
#   icount suite: 1 CPU under -icount shift=0,sleep=off, so guest time counts
#                 guest instructions and repeats to within 0.3%: CPU paths
#   wall suite:   2 CPUs, wall clock, ext4 rows on a virtio disk: I/O waits,
#                 concurrency, and fuse-overlayfs's second opinion
#   containers:   the container guest (6.12 only): podman and dockerd timed
#                 on Strata (mount program, drop-in), the kernel's overlay
#                 and fuse-overlayfs (tests/guest/containers-bench.sh)
#
# BENCH_QUICK=1 runs a small subset in a few minutes (development);
# BENCH_SUITES="icount" runs one suite only; BENCH_SERIES="6.12" one
# kernel; BENCH_WORKLOADS="stat,readdir" some workloads only. The machine
# is shared: each boot waits until no other QEMU runs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
top_out=build/bench
quick=${BENCH_QUICK:-}
suites=${BENCH_SUITES:-icount wall containers}
series_list=${BENCH_SERIES:-6.1 6.12}
mkdir -p "$top_out"
started=$(date +%s)

say() { echo "bench: $*" >&2; }

# Its own module directory: a "make check" running meanwhile builds in
# kmod-stock-SERIES.
build() {
	krel=$(scripts/stock-kernel.sh "$series")
	say "building strata-bench and strata.ko for $krel (log: $out/build.log)"
	{
		make -s userspace &&
			scripts/build-module.sh "/usr/src/linux-headers-$krel" "build/kmod-bench-$series" &&
			scripts/mkinitramfs.sh "$out/bench.cpio" "build/kmod-bench-$series" build/userspace "$krel"
	} >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }
}

# Two guests at once would share two host cores and skew each other.
wait_for_qemu() {
	while [ "$(pgrep -c qemu-system || true)" -gt 0 ]; do
		say "another QEMU is running; waiting"
		sleep 30
	done
}

# The boot's limit: generous for the full suites, which are sized to fit
# well within it (see userspace/bench/scale.cpp).
limit_for() {
	case "$1${quick:+-quick}" in
	icount) echo 2400 ;;
	wall) echo 1800 ;;
	*-quick) echo 480 ;;
	esac
}

# boot SUITE: one guest; its JSON into $out/SUITE.json.
boot() {
	local suite=$1 limit t0 rc=0 disk=$out/wall-disk.img
	limit=$(limit_for "$suite")
	local -x STRATA_MEM=4096 STRATA_SMP STRATA_QEMU_OPTS
	if [ "$suite" = icount ]; then
		STRATA_SMP=1
		STRATA_QEMU_OPTS="-icount shift=0,sleep=off"
	else
		rm -f "$disk"
		truncate -s 3G "$disk"
		STRATA_SMP=2
		STRATA_QEMU_OPTS="-drive file=$disk,if=virtio,format=raw"
	fi
	wait_for_qemu
	say "$suite suite: booting Linux $krel (limit ${limit} s; progress in $out/$suite-console.log)"
	t0=$(date +%s)
	scripts/qemu-run.sh "/boot/vmlinuz-$krel" "$out/bench.cpio" "$out/$suite-console.log" \
		"$out/$suite-serial.txt" "$limit" strata.mode=bench "strata.bench=$suite" \
		${quick:+strata.quick=1} ${BENCH_WORKLOADS:+strata.workloads=$BENCH_WORKLOADS} || rc=$?
	rm -f "$disk"
	say "$suite suite: the guest ran $(($(date +%s) - t0)) s (qemu exit $rc)"
	tr -d '\r' <"$out/$suite-serial.txt" |
		sed -n "/^=== strata-bench $suite json begin ===\$/,/^=== strata-bench $suite json end ===\$/p" |
		sed '1d;$d' >"$out/$suite.json"
	if [ ! -s "$out/$suite.json" ]; then
		rm -f "$out/$suite.json"
		say "$suite suite: no results; see $out/$suite-console.log"
		return 1
	fi
}

scripts/deps.sh
failed=0
: >"$top_out/report.md"
# The suites booted per kernel; containers runs once, below.
kernel_suites=$(echo " $suites " | sed 's/ containers / /; s/^ *//; s/ *$//')
[ -n "$kernel_suites" ] || series_list=
for series in $series_list; do
	out=$top_out/$series
	mkdir -p "$out"
	build
	results=()
	for suite in $kernel_suites; do
		rm -f "$out/$suite.json"
		if boot "$suite"; then
			results+=("$out/$suite.json")
		else
			failed=1
		fi
	done
	if [ ${#results[@]} -eq 0 ]; then
		say "no suite produced results on $series"
		failed=1
		continue
	fi
	build/userspace/strata-bench report "${results[@]}" --out-dir "$out" >/dev/null
	# One document for both kernels; the plots stay beside each report.
	{
		echo "# Linux $series ($krel): strata against this kernel's overlay"
		echo
		sed -e 's/^#/##/' -e "s|](\([^)/]*\.png\))|]($series/\1)|g" "$out/report.md"
		echo
	} >>"$top_out/report.md"
	echo "bench: report for $series: $out/report.md (results: ${results[*]})"
done
# containers_bench: the container rows, from the 6.12 build's initramfs,
# as a table of milliseconds and ratios against overlay in the report.
containers_bench() {
	local out=$top_out/6.12 img=$top_out/containers-root.img t0 rc=0
	series=6.12
	mkdir -p "$out"
	build	# this run's module and tests, whatever ran before
	scripts/container-image.sh "$img"
	wait_for_qemu
	say "containers suite: booting Linux $krel on the container root disk"
	t0=$(date +%s)
	STRATA_MEM=4096 STRATA_QEMU_OPTS="-drive file=$img,if=virtio,format=raw,snapshot=on" \
		scripts/qemu-run.sh "/boot/vmlinuz-$krel" "$out/bench.cpio" \
		"$top_out/containers-console.log" "$top_out/containers-serial.txt" 1800 \
		strata.mode=containers-bench || rc=$?
	rm -f "$img"
	say "containers suite: the guest ran $(($(date +%s) - t0)) s (qemu exit $rc)"
	grep -q '^BENCH ' "$top_out/containers-serial.txt" || return 1
	{
		echo "# Containers (Linux 6.12): milliseconds, median of 5, and the ratio to overlay"
		echo
		tr -d '\r' <"$top_out/containers-serial.txt" | awk '
		/^BENCH / { t[$3, $2] = $4; if (!($3 in seen)) { seen[$3] = 1; m[++n] = $3 } }
		END {
			split("mount-program drop-in overlay fuse-overlayfs", w, " ")
			print "| what | strata (mount program) | strata (drop-in) | overlay | fuse-overlayfs |"
			print "|---|---|---|---|---|"
			for (i = 1; i <= n; i++) {
				line = "| " m[i]
				for (j = 1; j <= 4; j++) {
					v = t[m[i], w[j]]; o = t[m[i], "overlay"]
					if (v == "") cell = "-"
					else if (o > 0) cell = sprintf("%d (%.2fx)", v, v / o)
					else cell = v
					line = line " | " cell
				}
				print line " |"
			}
		}'
		echo
	} >>"$top_out/report.md"
}
if [[ " $suites " == *" containers "* ]] && ! containers_bench; then
	say "containers suite: no results; see $top_out/containers-console.log"
	failed=1
fi

say "$(($(date +%s) - started)) s in all"
echo "bench: both kernels: $top_out/report.md"
exit $failed
