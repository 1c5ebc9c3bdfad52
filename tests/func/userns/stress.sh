#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: user-namespace unions made and torn down in a loop (10 s on stock, 15 s on the debug kernel, 30 in make check-full, KASAN and lockdep watching) while each works its own upper and a root union shares their lower: every round's work is right, nothing leaks
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

secs=$(stress_secs 10 30)
userns_layers
userns_allow
mkdir -p "$B/l1/d/e"
for n in 1 2 3 4 5; do echo "lower $n" >"$B/l1/d/f$n"; done
chown -R 1000:1000 "$B/l1/d"
chmod -R a+rX "$B/l1"
mkdir -p "$B/ru" "$B/rw" "$B/rm"
must mount -t strata -o "lowerdir=$B/l1,upperdir=$B/ru,workdir=$B/rw" none "$B/rm"
end=$(($(date +%s) + secs))

# One round, in a fresh namespace and a fresh upper: copy-up, whiteout,
# opaque dir, create and rename, checked, then the union unmounted (or left
# to the namespace's end, every other round: its teardown is asynchronous,
# so each round has an upper of its own). $1: the worker, $2: the round.
cat >"$T/round.sh" <<ROUND
. $STRATA_TESTS/lib/tools.sh
set -e
u=$B/w\$1/r\$2
mkdir -p \$u/u \$u/w \$u/m
mount -t strata -o lowerdir=$B/l1,upperdir=\$u/u,workdir=\$u/w,userxattr none \$u/m
cd \$u/m
echo more >>d/f1
rm d/f2
rm -r d/e
mkdir d/e
echo n >d/new
mv d/new d/f3
[ "\$(cat d/f1 d/f3 | tr '\\n' ' ')" = "lower 1 more n " ]
[ ! -e d/f2 ] && [ -z "\$(ls d/e)" ]
cd /
[ \$((\$2 % 2)) = 1 ] || umount \$u/m
ROUND
for w in 1 2; do
	mkdir -p "$B/w$w"
	chown 1000:1000 "$B/w$w"
	repeat_until "$end" "as_user unshare -Urm sh $T/round.sh $w \$i || echo FAILED $w \$i >>$T/failed" &
done
repeat_until "$end" "cat $B/rm/d/f1 $B/rm/d/f4 >/dev/null && touch $B/rm/d/f\$((i % 5 + 1)) || echo FAILED root \$i >>$T/failed" &
repeat_until "$end" 'echo 2 >/proc/sys/vm/drop_caches' &
wait
[ -e "$T/failed" ] && fail "$(wc -l <"$T/failed") rounds failed: $(head -n 3 "$T/failed")"
umount "$B/rm" || fail "umount of the root union"
