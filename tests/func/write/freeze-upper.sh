#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: freezing the upper's filesystem in the middle of a large copy-up and of writes waits for them or holds them, never deadlocks; after the thaw every byte is there
. "$STRATA_TESTS/lib/func.sh"

# A copy-up holds the upper's write access while it copies the data. Since
# Linux 6.8 the data helpers take the upper's freeze protection themselves:
# holding it around them too deadlocks as soon as a freeze is pending (and
# lockdep says so on the debug kernel).
command -v fsfreeze >/dev/null || skip "no fsfreeze in the guest"
need_ext4 up.img up 320M
mklayers 1
dd if=/dev/urandom of=l1/big bs=1M count=96 2>/dev/null
sum=$(md5sum <l1/big)
mkdir -p up/u up/w m
mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/up/u,workdir=$T/up/w" none m 2>"$T/.err" ||
	fail "mount: $(cat "$T/.err")"
echo start >m/log

# waits up to $2 seconds for file $1 to appear
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt $(($2 * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -e "$1" ]
}

# A failed check must not leave the upper frozen or the writer running:
# the suite would wait for them forever.
cleanup() {
	touch "$T/stop"
	fsfreeze --unfreeze up 2>/dev/null
	wait
}
trap cleanup EXIT

(touch -a m/big && echo ok >"$T/copyup.done" || echo "touch: $?" >"$T/copyup.done") &
(while [ ! -e "$T/stop" ]; do echo line >>m/log; done; echo ok >"$T/writer.done") &
sleep 0.3
(fsfreeze --freeze up && echo ok >"$T/frozen") &
wait_for "$T/frozen" 120 || fail "fsfreeze --freeze did not finish in 120 s: a copy-up or write holds the upper's freeze protection"
# Frozen: the writer is held; nothing may reach the upper now.
size=$(stat -c %s up/u/log)
sleep 1
check_eq "upper log while frozen" "$(stat -c %s up/u/log)" "$size"
must fsfreeze --unfreeze up
touch "$T/stop"
trap - EXIT
wait_for "$T/copyup.done" 120 || fail "the copy-up did not finish after the thaw"
wait_for "$T/writer.done" 60 || fail "the writer did not finish after the thaw"
wait
check_eq "copy-up" "$(cat "$T/copyup.done")" ok
check_eq "copied data" "$(md5sum <up/u/big)" "$sum"
check_eq "merged data" "$(md5sum <m/big)" "$sum"
[ "$(grep -c line m/log)" -gt 0 ] || fail "the writer wrote nothing"
umount m
umount up
