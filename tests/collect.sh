#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Turn one guest boot's output into result lines on stdout:
#
#   collect.sh KERNEL QEMU_EXIT CONSOLE_LOG RESULTS_FILE
#
# A line is "PASS|FAIL|SKIP <name>  <description>", followed by indented
# detail. Besides the guest's own results this judges the boot itself: the
# guest must reach the end of its plan, and the kernel log must hold no oops,
# WARN, BUG, KASAN, lockdep, hung-task or kmemleak report. KUnit's KTAP in
# the log is counted case by case.
set -uo pipefail
kernel=$1 qemu_rc=$2 console=$3 results=$4

detail() { sed 's/^/    /'; }

# Guest results: RESULT STATUS KERNEL FSTYPE NAME SECONDS DESC, then "| "
# detail.
awk '
/^RESULT / {
	desc = $0
	sub(/^RESULT [A-Z]+ [^ ]+ [^ ]+ [^ ]+ [0-9]+ /, "", desc)
	printf "%s %s/%s/%s  %s (%ss)\n", $2, $3, $4, $5, desc, $6
	next
}
/^\| / { print "    " substr($0, 3) }
' "$results" | tr -d '\r'

# KUnit: every leaf case. KTAP nests by four spaces, and a subtest's header
# ("# Subtest: NAME") is indented like its results: a suite's header and its
# cases' results at depth 1, a parameterised case's header and parameters at
# depth 2. "ok N [- ]NAME [# SKIP ...]" at depth 1 counts unless the case had
# parameters, which then count one by one.
kunit=$(sed -e 's/\r$//' -e 's/^\[ *[0-9.]*\] //' "$console" | awk -v k="$kernel" '
function depth(line) { match(line, /^ */); return RLENGTH / 4 }
function result(line,   st, name) {
	st = (line ~ /^ *not ok/) ? "FAIL" : "PASS"
	if (line ~ /# SKIP/) st = "SKIP"
	name = line
	sub(/^ *(not )?ok [0-9]+ (- )?/, "", name)
	sub(/ *# SKIP.*/, "", name)
	return st " " name
}
/^ *# Subtest: / {
	name = $0; sub(/^ *# Subtest: /, "", name)
	if (depth($0) == 1) suite = name; else pcase = name
	nparams = 0
	next
}
/^ *(not )?ok [0-9]+ / {
	d = depth($0); r = result($0); split(r, f, " ")
	name = substr(r, length(f[1]) + 2)
	if (d == 2) {
		printf "%s %s/kunit/%s/%s/%s\n", f[1], k, suite, pcase, name
		nparams++
	} else if (d == 1) {
		if (nparams == 0)
			printf "%s %s/kunit/%s/%s\n", f[1], k, suite, name
		nparams = 0
	}
	next
}
/(EXPECTATION|ASSERTION) FAILED/ { print "    " $0 }
/^ *(Expected|but|  )/ && prev ~ /FAILED/ { print "    " $0 }
{ prev = $0 }
')
[ -n "$kunit" ] && echo "$kunit"
# The debug guest loads the KUnit suites: finding no case at all is a failure.
if [ "$kernel" = debug ] && ! grep -q "/kunit/" <<<"$kunit"; then
	echo "FAIL $kernel/kunit/ran  the KUnit suites ran and reported their cases"
fi

# The boot itself.
if [ "$qemu_rc" -eq 124 ]; then
	echo "FAIL $kernel/guest/finished  the guest finished within its time limit"
	echo "    killed after the time limit; last console lines:"
	tail -n 20 "$console" | detail
elif ! grep -q "^END $kernel" "$results"; then
	echo "FAIL $kernel/guest/finished  the guest finished within its time limit"
	echo "    the guest stopped before the end of its plan (qemu exit $qemu_rc); last console lines:"
	tail -n 20 "$console" | detail
else
	echo "PASS $kernel/guest/finished  the guest finished within its time limit"
fi

splats='(BUG:|WARNING:|Oops|KASAN|UBSAN|general protection fault|Kernel panic|'
splats+='possible circular locking|possible recursive locking|inconsistent lock state|'
splats+='suspected memory leak|blocked for more than|soft lockup|hard LOCKUP|'
splats+='rcu.*detected stall|list_add corruption|list_del corruption|Call Trace:)'
if grep -Eq "$splats" "$console"; then
	echo "FAIL $kernel/guest/clean-log  no oops, WARN, BUG, KASAN, lockdep or kmemleak report in the kernel log"
	grep -E -m 20 -A 12 "$splats" "$console" | head -n 60 | detail
else
	echo "PASS $kernel/guest/clean-log  no oops, WARN, BUG, KASAN, lockdep or kmemleak report in the kernel log"
fi
