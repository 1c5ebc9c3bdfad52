#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make check: install what is needed, build everything, run every tier, and
# print one line per test and one summary line. Exits non-zero on any failure.
#
# Tiers (see README.md): host (userspace unit tests), stock (Debian's cloud
# kernel in QEMU: the functional suite on strata and on the kernel's overlay
# as the oracle), debug (our KASAN/lockdep/kmemleak kernel: KUnit and the
# functional suite on strata). STRATA_TIERS="host stock" runs a subset of
# tiers; STRATA_ONLY=GLOB (e.g. "write/*") a subset of functional tests.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$top/build/check
tiers=${STRATA_TIERS:-host stock debug}
mkdir -p "$out"
: >"$out/results.txt"
started=$(date +%s)

say() { echo "check: $*" >&2; }

# Records result lines (from stdin) and shows them.
record() { tee -a "$out/results.txt"; }

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
	step ctest ctest --test-dir build/userspace --output-on-failure
	# One line per GoogleTest case, from ctest's progress lines; names of
	# parameterised cases may hold spaces, so the name ends at the dots.
	sed -n 's/^ *[0-9]*\/[0-9]* Test *#[0-9]*: \(.*[^ ]\) \.\.*[ *]*\([A-Za-z][A-Za-z ]*[a-z]\)[^A-Za-z].*/\2\t\1/p' \
		"$out/ctest.log" | awk -F '\t' '{
			st = ($1 == "Passed") ? "PASS" : ($1 == "Skipped" ? "SKIP" : "FAIL")
			printf "%s host/%s\n", st, $2
		}' | record
	local krel
	krel=$(scripts/stock-kernel.sh) || { echo "FAIL setup/stock-kernel" | record; return; }
	say "packaging: make install, uninstall, DKMS"
	tests/host/packaging.sh "$krel" | record
}

# boot_guest KERNEL_NAME BZIMAGE KMOD_DIR KREL TIMEOUT
boot_guest() {
	local name=$1 image=$2 kmod=$3 krel=$4 limit=$5 rc t0
	step "initramfs-$name" scripts/mkinitramfs.sh "$out/$name.cpio" "$kmod" \
		build/userspace "$krel" || return 1
	say "booting the $name kernel (limit ${limit}s)"
	t0=$(date +%s)
	scripts/qemu-run.sh "$image" "$out/$name.cpio" "$out/$name-console.log" \
		"$out/$name-results.txt" "$limit" \
		"strata.mode=$name${STRATA_ONLY:+ strata.only=$STRATA_ONLY}"
	rc=$?
	say "$name guest ran $(( $(date +%s) - t0 )) s (qemu exit $rc)"
	tests/collect.sh "$name" "$rc" "$out/$name-console.log" \
		"$out/$name-results.txt" | record
}

stock_tier() {
	local krel
	krel=$(scripts/stock-kernel.sh) || { echo "FAIL setup/stock-kernel" | record; return; }
	step module-stock scripts/build-module.sh "/usr/src/linux-headers-$krel" \
		build/kmod-stock || return
	boot_guest stock "/boot/vmlinuz-$krel" build/kmod-stock "$krel" 1500
	crash_tests "/boot/vmlinuz-$krel"
}

# Crash consistency (tests/guest/crash.sh): per kind and point, one boot
# starts a copy-up or a stream of directory renames on an ext4 disk and
# resets itself, a second boot checks the disk. The boots' logs are judged
# together as "crash".
crash_tests() {
	local image=$1 points=${STRATA_CRASH_POINTS:-20} kind p rc worst=0
	local disk=$out/crash.img console=$out/crash-console.log results=$out/crash-results.txt
	[ -n "${STRATA_ONLY:-}" ] && [[ "crash/" != ${STRATA_ONLY%%/*}/ ]] && return
	say "crash test: copy-up and rename, $points reset points each, two boots a point"
	: >"$console"
	: >"$results"
	for kind in copy-up rename; do
		for p in $(seq 1 "$points"); do
			rm -f "$disk"
			truncate -s 256M "$disk"
			for phase in "write,$kind,$p,$points" "check,$kind,$p"; do
				STRATA_QEMU_OPTS="-drive file=$disk,if=virtio,format=raw,cache=unsafe" \
					scripts/qemu-run.sh "$image" "$out/stock.cpio" "$out/crash-boot.log" \
					"$out/crash-boot-results.txt" 300 "strata.mode=crash strata.crash=$phase"
				rc=$?
				[ "$rc" -gt "$worst" ] && worst=$rc
				cat "$out/crash-boot.log" >>"$console"
				grep -v '^END ' "$out/crash-boot-results.txt" >>"$results"
				if ! grep -q '^END crash' "$out/crash-boot-results.txt"; then
					echo "RESULT FAIL crash strata crash/$kind-$p 0 the $phase boot reached its end" >>"$results"
					echo "| qemu exit $rc; see $console" >>"$results"
				fi
			done
		done
	done
	echo "END crash" >>"$results"
	rm -f "$disk"
	tests/collect.sh crash "$worst" "$console" "$results" | record
}

debug_tier() {
	local dir
	say "debug kernel (cached after the first build; a cold build takes minutes)"
	dir=$(scripts/debug-kernel.sh 2>"$out/debug-kernel.log") ||
		{ echo "FAIL setup/debug-kernel" | record; tail -n 30 "$out/debug-kernel.log" | record; return; }
	step module-debug scripts/build-module.sh "$dir/build" build/kmod-debug || return
	boot_guest debug "$dir/bzImage" build/kmod-debug "" 2400
}

step deps scripts/deps.sh || exit 1
step userspace make -s userspace || exit 1
for tier in $tiers; do
	"${tier}_tier"
done

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
