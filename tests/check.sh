#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make check: install what is needed, build everything, run every tier, and
# print one line per test and one summary line. Exits non-zero on any failure.
#
# Tiers (see README.md): host (userspace unit tests), stock (Debian's two
# cloud kernels, 6.1 and 6.12, in QEMU: the functional suite on strata and on
# that kernel's overlay as the oracle, and the crash test), debug (our
# KASAN/lockdep/kmemleak kernel: KUnit and the functional suite on strata),
# containers (podman and dockerd on Strata in a guest with a real root disk,
# beside the kernel's overlay; make check-containers adds the long tests).
#
#   STRATA_TIERS="host stock"      a subset of tiers
#   STRATA_ONLY=GLOB[,GLOB...]     a subset of functional tests ("write/*")
#   STRATA_STOCK_SERIES="6.12"     the stock kernels (default "6.12 6.1")
#   STRATA_DEBUG_SERIES="6.1 6.12" the debug kernels (default "6.12")
#   STRATA_CRASH_ALL=1             every crash point on every stock kernel
#                                  (by default they share the points)
#   STRATA_BACKINGS="ext4,xfs"     the stock suite's filesystems besides tmpfs
#   STRATA_BACKING_ALL=1           ext4, xfs, btrfs and NFS on every stock
#                                  kernel, strata and overlay, every test (see
#                                  backing_args; STRATA_BACKINGS narrows it),
#                                  and each crash point on ext4, xfs and btrfs
#   STRATA_DEBUG_FULL=1            the debug kernels run every test (see
#                                  debug_skips in tests/lib/guest.sh)
#   STRATA_DEBUG_BACKINGS="btrfs"  the debug kernels' whole suite again on these
#                                  filesystems (default: tmpfs only)
#   STRATA_TIERS=soak              the long runs (make soak; see soak_tier)
#   STRATA_CONTAINERS_SERIES="6.1" the container guest's kernels (default
#                                  "6.12 6.1")
#   STRATA_CONTAINERS_FULL=1       the container tier's long tests too
#                                  (containers_skips in tests/guest/containers.sh)
#   STRATA_SOAK_SERIES="6.1"       the soak's stock kernels (default "6.12 6.1")
#   STRATA_SOAK_SECS=3600          each long soak run's budget (default 1800)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$top/build/check
tiers=${STRATA_TIERS:-host stock containers debug}
stock_series=${STRATA_STOCK_SERIES:-6.12 6.1}
debug_series=${STRATA_DEBUG_SERIES:-6.12}
containers_series=${STRATA_CONTAINERS_SERIES:-6.12 6.1}
# The project's own builds treat warnings as errors (Kbuild, CMake); the
# userspace the guests run is the Release build (GCC warns more at -O3), and
# the host tier builds Debug too.
export STRATA_WERROR=y STRATA_BUILD_TYPE=Release
# Every run starts from a clean build directory (CI clones afresh): the
# userspace's two builds go through ccache, kept with the cached kernels.
# The base directory makes a clone's absolute paths relative, so that a
# clone elsewhere hits the same entries.
export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR=$top CCACHE_NOHASHDIR=1
export CCACHE_DIR=${STRATA_CACHE:-/var/cache/strata}/ccache
mkdir -p "$out"
: >"$out/results.txt"
: >"$out/tiers.txt"
started=$(date +%s)

say() { echo "check: $*" >&2; }

# Records result lines (from stdin) and shows them; in a lane, only into
# the lane's file (shown when the lanes end).
results_file=$out/results.txt
in_lane=
record() {
	if [ -n "$in_lane" ]; then
		cat >>"$results_file"
	else
		tee -a "$results_file"
	fi
}

# Two guests at a time. A guest uses about one core's worth on average (its
# two vCPU threads are each about half busy: its tests run one at a time),
# and the machine has two cores: so each stock kernel's guest has a lane,
# and each lane goes on with one of the later tiers (see the end of this
# file; measured: the stock tier 1250 s side by side instead of 1394 one
# after the other). Each lane's results go to a file of its own and are
# recorded, in the order the lanes started, when all have ended.
#
#   lane NAME COMMAND...    COMMAND in the background, as a lane
#   lanes_wait              waits for the lanes and records their results
lanes=()
lane() {
	local name=$1
	shift
	: >"$out/lane-$name.txt"
	(
		results_file=$out/lane-$name.txt in_lane=1
		"$@"
	) &
	lanes+=("$name:$!")
}

lanes_wait() {
	local l
	for l in "${lanes[@]}"; do
		wait "${l#*:}"
		record <"$out/lane-${l%%:*}.txt"
	done
	lanes=()
}

# A setup step that must work for the tier to mean anything.
step() {
	local name=$1
	shift
	say "$name"
	if ! "$@" >"$out/$name.log" 2>&1; then
		echo "FAIL setup/$name  $*" | record
		tail -n 30 "$out/$name.log" | sed 's/^/    /' | record
		return 1
	fi
}

host_tier() {
	# Release is the build every tier uses (setup fails without it).
	local type=Debug
	say "userspace: $type build, warnings as errors"
	if cmake -S userspace -B "build/userspace-$type" -DCMAKE_BUILD_TYPE=$type \
		-DSTRATA_WERROR=ON >"$out/userspace-$type.log" 2>&1 &&
		cmake --build "build/userspace-$type" -j"$(nproc)" >>"$out/userspace-$type.log" 2>&1; then
		echo "PASS host/build/$type  the userspace builds as $type with warnings as errors" | record
	else
		echo "FAIL host/build/$type  the userspace builds as $type with warnings as errors" | record
		grep -E 'error|warning' "$out/userspace-$type.log" | head -n 20 | sed 's/^/    /' | record
	fi
	step ctest ctest --test-dir build/userspace --output-on-failure
	# One line per GoogleTest case, from ctest's progress lines; names of
	# parameterised cases may hold spaces, so the name ends at the dots.
	sed -n 's/^ *[0-9]*\/[0-9]* Test *#[0-9]*: \(.*[^ ]\) \.\.*[ *]*\([A-Za-z][A-Za-z ]*[a-z]\)[^A-Za-z].*/\2\t\1/p' \
		"$out/ctest.log" | awk -F '\t' '{
			st = ($1 == "Passed") ? "PASS" : ($1 == "Skipped" ? "SKIP" : "FAIL")
			printf "%s host/%s\n", st, $2
		}' | record
	local series krels=()
	for series in $stock_series; do
		krels+=("$(scripts/stock-kernel.sh "$series")") ||
			{ echo "FAIL setup/stock-kernel-$series" | record; return; }
	done
	say "packaging: make install, uninstall, DKMS for ${krels[*]}"
	tests/host/packaging.sh "${krels[@]}" | record
}

# boot_guest NAME MODE BZIMAGE KMOD_DIR KREL TIMEOUT [APPEND]: one boot
# running the guest plan MODE (stock|debug), its results named NAME
# (stock-6.12, ...); APPEND adds to the kernel command line.
boot_guest() {
	local name=$1 mode=$2 image=$3 kmod=$4 krel=$5 limit=$6 append=${7:-} rc t0
	step "initramfs-$name" scripts/mkinitramfs.sh "$out/$name.cpio" "$kmod" \
		build/userspace "$krel" || return 1
	say "booting the $name kernel (limit ${limit}s)"
	t0=$(date +%s)
	scripts/qemu-run.sh "$image" "$out/$name.cpio" "$out/$name-console.log" \
		"$out/$name-results.txt" "$limit" \
		"strata.mode=$mode strata.label=$name${STRATA_ONLY:+ strata.only=$STRATA_ONLY} $append"
	rc=$?
	say "$name guest ran $(( $(date +%s) - t0 )) s (qemu exit $rc)"
	tests/collect.sh "$name" "$rc" "$out/$name-console.log" \
		"$out/$name-results.txt" | record
}

# The filesystems a stock kernel's suite runs on besides tmpfs, as kernel
# command line words. make check gives each kernel one disk filesystem
# (btrfs under 6.1, xfs under 6.12; the crash test covers ext4 too),
# without the tests that do not touch the layers' filesystem or take long
# (backing_skips in tests/lib/guest.sh), and 6.12 the NFS tier (lowers on
# NFS, the read group beside overlay: nfs_group there);
# STRATA_BACKING_ALL=1 runs every test on ext4, xfs and btrfs, and the NFS
# tier, under every kernel with the oracle beside strata;
# STRATA_BACKINGS="ext4,nfs" names them ("none": tmpfs only).
backing_args() {
	local list
	if [ -n "${STRATA_BACKING_ALL:-}" ]; then
		list=${STRATA_BACKINGS:-ext4,xfs,btrfs,nfs}
		echo "strata.backing=$list strata.backing_oracle=1 strata.backing_full=1"
		return
	fi
	case ${STRATA_BACKINGS:-} in
	none) return ;;
	"") [ "$1" = 6.1 ] && list=btrfs || list=xfs,nfs ;;
	*) list=$STRATA_BACKINGS ;;
	esac
	echo "strata.backing=$list"
}

# One stock kernel series: the module built against its headers, the
# functional suite (on tmpfs and on backing_args' filesystems), and its
# share of the crash points (the Nth of K stock kernels takes every Kth
# point, so together they cover the grid).
stock_series_run() {
	local series=$1 nth=$2 count=$3 krel name=stock-$1 limit=1500
	krel=$(scripts/stock-kernel.sh "$series") ||
		{ echo "FAIL setup/stock-kernel-$series" | record; return; }
	step "module-$name" scripts/build-module.sh "/usr/src/linux-headers-$krel" \
		"build/kmod-$name" || return
	[ -n "${STRATA_BACKING_ALL:-}" ] && limit=4800
	boot_guest "$name" stock "/boot/vmlinuz-$krel" "build/kmod-$name" "$krel" \
		"$limit" "$(backing_args "$series")"
	[ -n "${STRATA_CRASH_ALL:-}" ] && nth=1 count=1
	crash_tests "$series" "/boot/vmlinuz-$krel" "$out/$name.cpio" "$nth" "$count"
}

# Container engines on Strata (tests/containers, run by
# tests/guest/containers.sh): for each stock kernel of
# STRATA_CONTAINERS_SERIES, one boot on the root disk
# scripts/container-image.sh builds, with podman, buildah, dockerd and
# containerd on Strata through the mount program and the drop-in mode, and
# (on the first kernel, or on each with STRATA_CONTAINERS_FULL) on the
# kernel's overlay.
containers_tier() {
	local krel name series img=$out/containers-root.img ways=
	step container-image scripts/container-image.sh "$img" || return
	for series in $containers_series; do
		name=containers-$series
		krel=$(scripts/stock-kernel.sh "$series") ||
			{ echo "FAIL setup/stock-kernel-$series" | record; continue; }
		step "module-$name" scripts/build-module.sh "/usr/src/linux-headers-$krel" \
			"build/kmod-$name" || continue
		STRATA_MEM=4096 STRATA_QEMU_OPTS="-drive file=$img,if=virtio,format=raw,snapshot=on" \
			boot_guest "$name" containers "/boot/vmlinuz-$krel" "build/kmod-$name" \
			"$krel" 2400 "${STRATA_CONTAINERS_FULL:+strata.full=1} $ways"
		# The oracle way and the comparison with it run on the first
		# kernel; make check's later kernels run the two Strata ways
		# (make check-containers runs every way on each).
		if [ -z "${STRATA_CONTAINERS_FULL:-}" ]; then
			ways=strata.ways=mount-program,drop-in
		fi
	done
}

# Crash consistency (tests/guest/crash.sh): per kind and point, one boot
# starts a copy-up or a stream of directory renames on a disk and resets
# itself, a second boot checks the disk. The boots' logs are judged together
# as "crash-SERIES". Point P puts the layers on ext4, xfs or btrfs in turn,
# so that a kernel's share of the points covers all three; with
# STRATA_BACKING_ALL=1 every point runs on each.
#
#   crash_tests SERIES BZIMAGE CPIO NTH COUNT: points NTH, NTH+COUNT, ...
crash_fs_of() {
	local all=(ext4 xfs btrfs)
	if [ -n "${STRATA_BACKING_ALL:-}" ]; then
		echo "${all[@]}"
	else
		echo "${all[$((($1 - 1) % 3))]}"
	fi
}

crash_tests() {
	local series=$1 image=$2 cpio=$3 nth=$4 count=$5
	local points=${STRATA_CRASH_POINTS:-4} kind p fs rc worst=0 name=crash-$1
	local disk=$out/$name.img console=$out/$name-console.log results=$out/$name-results.txt
	[ -n "${STRATA_ONLY:-}" ] && [[ ",$STRATA_ONLY" != *,crash/* ]] && return
	say "crash test on $series: copy-up, rename and a hard-linked copy-up, points $nth..$points step $count, two boots a point and filesystem"
	: >"$console"
	: >"$results"
	for kind in copy-up rename hardlink; do
		for p in $(seq "$nth" "$count" "$points"); do
		for fs in $(crash_fs_of "$p"); do
			rm -f "$disk"
			# xfs takes no less than 300 MB.
			truncate -s 512M "$disk"
			for phase in "write,$kind,$p,$points,$fs" "check,$kind,$p,$fs"; do
				STRATA_QEMU_OPTS="-drive file=$disk,if=virtio,format=raw,cache=unsafe" \
					scripts/qemu-run.sh "$image" "$cpio" "$out/$name-boot.log" \
					"$out/$name-boot-results.txt" 300 \
					"strata.mode=crash strata.label=$name strata.crash=$phase"
				rc=$?
				[ "$rc" -gt "$worst" ] && worst=$rc
				cat "$out/$name-boot.log" >>"$console"
				grep -v '^END ' "$out/$name-boot-results.txt" >>"$results"
				if ! grep -q "^END $name" "$out/$name-boot-results.txt"; then
					echo "RESULT FAIL $name strata@$fs crash/$kind-$p 0 the $phase boot reached its end" >>"$results"
					echo "| qemu exit $rc; see $console" >>"$results"
				fi
			done
		done
		done
	done
	echo "END $name" >>"$results"
	rm -f "$disk"
	tests/collect.sh "$name" "$worst" "$console" "$results" | record
}

# A debug kernel not yet cached takes a quarter of an hour on two cores to
# build, and the debug tier's guest can only start after it. Its build
# starts at once, at the tiers' own priority, so that it shares the CPUs
# with the host and stock tiers rather than waiting for what they leave
# idle; debug_tier (maybe in a lane, which cannot wait for this shell's
# child) waits for its marker. On a warm machine every kernel is cached and
# the job ends at once.
debug_prebuild() {
	local series
	rm -f "$out/debug-prebuild.done"
	[[ " $tiers " == *" debug "* ]] || return 0
	(for series in $debug_series; do
		rm -f "$out/debug-$series-kernel.failed"
		scripts/debug-kernel.sh "$series" >/dev/null \
			2>"$out/debug-$series-kernel.log" ||
			touch "$out/debug-$series-kernel.failed"
	done
	touch "$out/debug-prebuild.done") &
}

debug_tier() {
	local series dir name limit=2400 fs
	if [ ! -e "$out/debug-prebuild.done" ]; then
		say "waiting for the debug kernels' background build"
		while [ ! -e "$out/debug-prebuild.done" ]; do
			sleep 5
		done
	fi
	# The whole suite again on each extra filesystem takes as long again.
	for fs in $(echo "${STRATA_DEBUG_BACKINGS:-}" | tr , ' '); do
		limit=$((limit + 2400))
	done
	for series in $debug_series; do
		name=debug-$series
		say "$name kernel (cached after the first build; a cold build takes minutes)"
		# A build that failed in the background is not tried again.
		if [ -e "$out/$name-kernel.failed" ] ||
			! dir=$(scripts/debug-kernel.sh "$series" 2>>"$out/$name-kernel.log"); then
			echo "FAIL setup/$name-kernel" | record
			tail -n 30 "$out/$name-kernel.log" | record
			continue
		fi
		step "module-$name" scripts/build-module.sh "$dir/build" "build/kmod-$name" ||
			continue
		boot_guest "$name" debug "$dir/bzImage" "build/kmod-$name" "" "$limit" \
			"${STRATA_DEBUG_FULL:+strata.debug_full=1 }${STRATA_DEBUG_BACKINGS:+strata.backing=$STRATA_DEBUG_BACKINGS strata.backing_full=1}"
	done
}

# The long runs (make soak, not part of make check): tests/soak on each
# stock kernel of STRATA_SOAK_SERIES, in a guest with room for a million
# directory entries.
soak_tier() {
	local krel name series secs=${STRATA_SOAK_SECS:-1800}
	for series in ${STRATA_SOAK_SERIES:-6.12 6.1}; do
		name=soak-$series
		krel=$(scripts/stock-kernel.sh "$series") ||
			{ echo "FAIL setup/stock-kernel-$series" | record; continue; }
		step "module-$name" scripts/build-module.sh "/usr/src/linux-headers-$krel" \
			"build/kmod-$name" || continue
		# readdir-million's few minutes, and each long run's budget.
		STRATA_MEM=6144 boot_guest "$name" soak "/boot/vmlinuz-$krel" "build/kmod-$name" \
			"$krel" $((secs + 2400)) "strata.soak_secs=$secs"
	done
}

# The counts and time of one tier, for the log and build/check/tiers.txt.
tier_summary() {
	local tier=$1 t0=$2 from=$3 lines
	lines=$(tail -n "+$((from + 1))" "$results_file")
	printf 'check: tier %s: %d passed, %d failed, %d skipped in %d s\n' "$tier" \
		"$(grep -c '^PASS ' <<<"$lines")" "$(grep -c '^FAIL ' <<<"$lines")" \
		"$(grep -c '^SKIP ' <<<"$lines")" "$(( $(date +%s) - t0 ))" |
		tee -a "$out/tiers.txt" >&2
}

t0=$(date +%s)
step deps scripts/deps.sh || exit 1
step userspace make -s userspace || exit 1
say "setup: $(( $(date +%s) - t0 )) s"
# run_part NAME COMMAND...: one tier or stock kernel, and its counts and
# time.
run_part() {
	local name=$1 t0 from
	shift
	t0=$(date +%s)
	from=$(wc -l <"$results_file")
	"$@"
	tier_summary "$name" "$t0" "$from"
}

# run_lane PART...: parts one after the other: "stock:SERIES:N" is stock
# kernel SERIES, the Nth of stock_series (see stock_series_run), anything
# else a tier.
run_lane() {
	local part series n count
	count=$(echo $stock_series | wc -w)
	for part in "$@"; do
		case $part in
		stock:*)
			IFS=: read -r _ series n <<<"$part"
			run_part "stock-$series" stock_series_run "$series" "$n" "$count"
			;;
		*) run_part "$part" "${part}_tier" ;;
		esac
	done
}

debug_prebuild
# The host tier (and the soak) first; then the guests in lanes side by
# side: each stock kernel's guest has a lane, and the later tiers
# (container, debug) follow them, the first later tier on the first
# kernel's lane. The
# first kernel (6.12) runs more backing filesystems than 6.1 and the
# container tier is the shorter, so the two lanes end close together
# (measured at make check's defaults: 6.12 1438 s then the containers
# 800 s; 6.1 1134 s then debug 1022 s. Both stock guests first and then
# both later tiers had taken 1368 + 1175 s).
plan=()
late=()
for tier in $tiers; do
	case $tier in
	stock)
		n=0
		for series in $stock_series; do
			n=$((n + 1))
			plan+=("stock:$series:$n")
		done
		;;
	containers | debug) late+=("$tier") ;;
	*) run_part "$tier" "${tier}_tier" ;;
	esac
done
# plan[i] is lane i's first part; late[i] follows it (or has a lane of its
# own where there are more later tiers than stock kernels).
lanes_n=$(( ${#plan[@]} > ${#late[@]} ? ${#plan[@]} : ${#late[@]} ))
if [ "$lanes_n" -eq 1 ]; then
	run_lane ${plan[0]:+"${plan[0]}"} ${late[0]:+"${late[0]}"}
elif [ "$lanes_n" -gt 1 ]; then
	for ((i = 0; i < lanes_n; i++)); do
		parts=()
		[ -n "${plan[i]:-}" ] && parts+=("${plan[i]}")
		[ -n "${late[i]:-}" ] && parts+=("${late[i]}")
		lane "$i" run_lane "${parts[@]}"
	done
	lanes_wait
fi

pass=$(grep -c '^PASS ' "$out/results.txt")
fail=$(grep -c '^FAIL ' "$out/results.txt")
skip=$(grep -c '^SKIP ' "$out/results.txt")
say "tiers: $tiers; $(( $(date +%s) - started )) s; logs in $out"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
