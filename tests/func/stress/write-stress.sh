#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: workers creating, writing, copying up, renaming, linking and removing in one merged tree (10 s on stock, 45 s on the debug kernel, 90 in make check-full) leave a mount that lists, reads, unmounts and cleans up
. "$STRATA_TESTS/lib/func.sh"

secs=$(stress_secs 10 90)
mklayers 3
for l in l1 l2 l3; do
	for d in 0 1 2 3; do
		mkdir -p $l/d$d/sub
		for f in 0 1 2 3 4 5; do
			echo "$l $d $f" >$l/d$d/f$f
		done
		echo deep >$l/d$d/sub/$l
	done
done
rwunion m l1 l2 l3
end=$(($(date +%s) + secs))

repeat_until "$end" 'echo "w $i" >>m/d$((i % 4))/f$((i % 6)); : >m/d$((i % 4))/new$((i % 3))' &
repeat_until "$end" 'mv m/d$((i % 4))/f$((i % 6)) m/d$(((i + 1) % 4))/f$(((i + 2) % 6))' &
repeat_until "$end" 'rm -f m/d$((i % 4))/f$((i % 6)) m/d$((i % 4))/new$((i % 3)); rm -rf m/d$((i % 4))/sub; mkdir m/d$((i % 4))/sub' &
repeat_until "$end" 'chmod 640 m/d$((i % 4))/f$((i % 6)); setfattr -n trusted.s -v $i m/d$((i % 4))/f$((i % 6)); cat m/d*/f* ; ls -lR m' &
repeat_until "$end" 'ln m/d$((i % 4))/f$((i % 6)) m/d$((i % 4))/link$((i % 2)); rm -f m/d$((i % 4))/link$(((i + 1) % 2))' &
repeat_until "$end" 'strata-probe rename m/d$((i % 4))/f1 m/d$((i % 4))/f2 exchange; touch m/d$((i % 4))/f3' &
wait

find m >/dev/null || fail "find over the tree"
for f in $(find m -type f); do
	cat "$f" >/dev/null || fail "cannot read $f"
done
umount m || fail "umount"
work_clean
