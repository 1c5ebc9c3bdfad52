#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: files created, removed and renamed directly in the lower and upper while the union is busy give errors at worst, never an oops or a hang
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir -p l1/d
rwunion m l1
mkdir -p u/d
end=$(($(date +%s) + 10))
worker() {
	while [ "$(date +%s)" -lt "$end" ]; do
		"$@" >/dev/null 2>&1
	done
}
worker sh -c "echo x >$T/l1/d/f; mv $T/l1/d/f $T/l1/d/g; rm -f $T/l1/d/g" &
worker sh -c "echo y >$T/u/d/f; rm -f $T/u/d/f; mkdir -p $T/u/d/e; rmdir $T/u/d/e" &
worker sh -c "ls -l $T/m/d; cat $T/m/d/f $T/m/d/g; echo z >>$T/m/d/g; rm -f $T/m/d/g" &
worker sh -c "touch $T/m/d/f; mv $T/m/d/f $T/m/d/h; rm -f $T/m/d/h" &
wait
umount m || fail "umount after the changes"
