#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: workers using a merged tree while others create, remove and rename files and directories directly in its lower and upper layers (10 s on stock, 30 s on the debug kernel, 60 in make check-full): errors are allowed, an oops, a hang or a mount that will not go is not
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

secs=$(stress_secs 10 60)
mklayers 4
for l in l1 l2 l3 l4; do
	for d in 0 1 2; do
		mkdir -p $l/d$d/sub
		for f in 0 1 2 3; do
			echo "$l $d $f" >$l/d$d/f$f
		done
	done
done
rwunion m l1 l2 l3 l4
end=$(($(date +%s) + secs))

# Through the union: lookups (enough to build lower-name indexes), listings,
# copy-ups, creates, renames and removals.
repeat_until "$end" 'ls -lR m; cat m/d*/f*; stat m/d$((i % 3))/nope$i' &
repeat_until "$end" 'echo $i >>m/d$((i % 3))/f$((i % 4)); : >m/d$((i % 3))/new$((i % 5)); rm -f m/d$((i % 3))/new$(((i + 2) % 5))' &
repeat_until "$end" 'mv m/d$((i % 3))/f$((i % 4)) m/d$(((i + 1) % 3))/g$((i % 4)); rm -rf m/d$((i % 3))/sub; mkdir -p m/d$((i % 3))/sub' &
# Underneath: the lower and upper layers changed directly.
repeat_until "$end" 'l=l$((i % 4 + 1)); mkdir -p $l/d$((i % 3))/x$((i % 2)); echo $i >$l/d$((i % 3))/f$((i % 4)); rm -rf $l/d$(((i + 1) % 3))/x$(((i + 1) % 2)); mv $l/d$((i % 3))/f$((i % 4)) $l/d$((i % 3))/h$((i % 4)) ; mv $l/d$((i % 3))/h$((i % 4)) $l/d$((i % 3))/f$((i % 4))' &
repeat_until "$end" 'mkdir -p u/d$((i % 3)); echo $i >u/d$((i % 3))/u$((i % 4)); rm -rf u/d$(((i + 1) % 3))/sub; mv u/d$((i % 3))/g$((i % 4)) u/d$((i % 3))/g$(((i + 1) % 4))' &
wait

# Whatever the tree now says, reading it ends in data or an error, and the
# union unmounts.
find m >/dev/null 2>&1
for f in $(find m -type f 2>/dev/null); do
	cat "$f" >/dev/null 2>&1
done
umount m || fail "umount after the changes underneath"
