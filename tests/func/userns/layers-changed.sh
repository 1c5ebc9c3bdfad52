#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: files created, removed and renamed directly in the lower and upper while a user-namespace union is busy give errors at worst, never an oops or a hang; the union still unmounts
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir -p "$B/l1/d" "$B/u/d"
chown 1000:1000 "$B/l1/d" "$B/u/d"
end=$(($(date +%s) + 6))
repeat_until "$end" "echo x >$B/l1/d/f; mv $B/l1/d/f $B/l1/d/g; rm -f $B/l1/d/g" &
repeat_until "$end" "echo y >$B/u/d/f; rm -f $B/u/d/f; mkdir -p $B/u/d/e; rmdir $B/u/d/e" &
userns_run "end=$end
	worker() { while [ \$(date +%s) -lt \$end ]; do \"\$@\" >/dev/null 2>&1; done; }
	worker sh -c 'ls -l m/d; cat m/d/f m/d/g; echo z >>m/d/g; rm -f m/d/g' &
	worker sh -c 'touch m/d/f; mv m/d/f m/d/h; rm -f m/d/h' &
	wait; umount m && echo unmounted" || fail "in the namespace: $(cat "$T/.err")"
wait
check_eq "unmounted" "$(cat "$T/.out")" unmounted
