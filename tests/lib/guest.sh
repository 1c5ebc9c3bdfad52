#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest-side runner functions, sourced by tests/guest/main.sh.
#
# A result is one line on $STRATA_RESULTS:
#   RESULT <PASS|FAIL|SKIP> <kernel> <fstype> <area/name> <seconds> <description>
# followed, for FAIL and SKIP, by "| "-prefixed lines of detail. "END <kernel>"
# marks a guest that got to the end of its plan.

STRATA_TESTS=/strata/tests
. "$STRATA_TESTS/lib/tools.sh"
: "${STRATA_RESULTS:=/dev/stdout}"

# The kernel field is the boot's label where the host gave one
# (strata.label=stock-6.12): two stock kernels run the same plan.
report() {
	status=$1
	if [ "$status" = END ]; then
		echo "END ${STRATA_LABEL:-$2}" >>"$STRATA_RESULTS"
		return
	fi
	echo "RESULT $1 ${STRATA_LABEL:-$2} $3 $4 ${secs:-0} $5" >>"$STRATA_RESULTS"
	[ -n "${6:-}" ] && printf '%s\n' "$6" | sed 's/^/| /' >>"$STRATA_RESULTS"
	echo "strata-guest: $1 $3 $4"
}

modload() {
	if ! insmod "$2"; then
		echo "strata-guest: insmod $2 failed"
		report FAIL "$mode" "$1" module/load "$1.ko loads" "insmod $2 failed"
		return 1
	fi
}

# A test's header: "# desc: ..." and optionally "# fstypes: strata".
test_field() {
	sed -n "s/^# $1: //p" "$2" | head -n 1
}

# Whether NAME matches one of STRATA_ONLY's comma-separated globs (all
# names do without STRATA_ONLY).
only_matches() {
	[ -z "${STRATA_ONLY:-}" ] && return 0
	old_ifs=$IFS
	IFS=,
	for glob in $STRATA_ONLY; do
		# shellcheck disable=SC2254
		case $1 in $glob) IFS=$old_ifs; return 0 ;; esac
	done
	IFS=$old_ifs
	return 1
}

# Runs one test script in a fresh tmpfs; exit 0 pass, 77 skip, else fail.
run_one() {
	fstype=$1 script=$2
	area=$(basename "$(dirname "$script")")
	name=$area/$(basename "$script" .sh)
	desc=$(test_field desc "$script")
	only=$(test_field fstypes "$script")
	if [ -n "$only" ] && ! echo " $only " | grep -q " $fstype "; then
		return 0	# not applicable to this fstype: not run, not counted
	fi
	# A developer's subset (STRATA_ONLY=GLOB[,GLOB...] make check), e.g.
	# "write/*,mount/incompat-*".
	only_matches "$name" || return 0

	t0=$(date +%s)
	T=$(mktemp -d /tmp/t.XXXXXX)
	mount -t tmpfs -o mode=0755 scratch "$T"
	out=$(cd "$T" && FSTYPE=$fstype T=$T STRATA_TESTS=$STRATA_TESTS STRATA_MODE=$mode \
		timeout 300 sh "$script" 2>&1)
	rc=$?
	umount -R "$T" 2>/dev/null || umount -l "$T"
	rmdir "$T"
	secs=$(($(date +%s) - t0))

	case $rc in
	0) report PASS "$mode" "$fstype" "$name" "$desc" ;;
	77) report SKIP "$mode" "$fstype" "$name" "$desc" "$out" ;;
	*) report FAIL "$mode" "$fstype" "$name" "$desc" "exit $rc
$out" ;;
	esac
	secs=
}

run_suite() {
	for script in "$STRATA_TESTS"/func/*/*.sh; do
		run_one "$1" "$script"
	done
}

leak_baseline() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
}

# kmemleak reports an object only after it has been unreferenced for 5 s.
leak_check() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
	if [ -z "$leaks" ]; then
		report PASS "$mode" strata kmemleak/after-unload "kmemleak finds no leak after the suite and rmmod"
	else
		report FAIL "$mode" strata kmemleak/after-unload "kmemleak finds no leak after the suite and rmmod" "$leaks"
	fi
}
