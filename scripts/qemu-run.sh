#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot one test guest under QEMU TCG (KVM does not work on these machines).
#
#   qemu-run.sh KERNEL INITRD CONSOLE_LOG RESULTS_FILE TIMEOUT_S [APPEND...]
#
# ttyS0 is the kernel console, kept whole in CONSOLE_LOG; the guest writes
# test results to ttyS1, which lands in RESULTS_FILE. The guest ends itself
# with "reboot -f", which -no-reboot turns into a QEMU exit. A guest still
# running after TIMEOUT_S is killed: exit 124, logs kept. A kernel that
# hangs or dies before starting init is booted once more.
# STRATA_QEMU_OPTS adds options (for example -icount for benchmarks).
set -uo pipefail
[ $# -ge 5 ] || { echo "usage: $0 KERNEL INITRD CONSOLE_LOG RESULTS TIMEOUT [APPEND...]" >&2; exit 2; }
kernel=$1 initrd=$2 console=$3 results=$4 limit=$5
shift 5

: >"$console"
: >"$results"

boot() {
	# shellcheck disable=SC2086
	timeout --signal=KILL "$limit" qemu-system-x86_64 \
		-accel tcg -cpu max -smp "${STRATA_SMP:-2}" -m "${STRATA_MEM:-2048}" \
		-nodefaults -display none -no-reboot \
		-kernel "$kernel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 $*" \
		-serial "file:$console" -serial "file:$results" \
		${STRATA_QEMU_OPTS:-}
	local rc=$?
	[ $rc -eq 137 ] && rc=124	# killed by timeout's SIGKILL
	return $rc
}

boot "$@"
rc=$?
# Under TCG a kernel has, rarely, failed in its own early boot: stopped
# (once in several hundred boots), or oopsed on a breakpoint left by its
# own live code patching under multi-threaded TCG (sched_clock_init_late
# flipping a static key at about 2.5 s, seen twice in one run on a busy
# host). Nothing of Strata's or of the tests has run before init starts,
# and a disk the guest was given is untouched, so such a boot is made
# again once; the failed boot's log is kept beside the new one.
if ! grep -q 'Run /init as init process' "$console"; then
	cp "$console" "$console.early"
	echo "qemu-run: the kernel failed before starting init (exit $rc, log: $console.early); booting it again" >&2
	boot "$@"
	rc=$?
fi
exit $rc
