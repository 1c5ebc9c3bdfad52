#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: random operation sequences over random layer sets give the same results on strata as on the kernel's overlay, step by step
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# A fixed budget and seed, so the suite repeats itself; longer runs and
# other seeds by hand: strata-difftest run --seed S --sequences K.
# On ext4, so that user.* xattrs are part of the layers and the ops.
need_ext4 scratch.img scratch 512M
mkdir -p "$T/found"
# Under KASAN and lockdep the same work takes several times longer.
sequences=100
[ "$STRATA_MODE" = debug ] && sequences=30
strata-difftest run --seed 1000 --sequences "$sequences" --ops 40 \
	--scratch "$T/scratch" --save-dir "$T/found" >"$T/out" 2>&1
rc=$?
grep '^difftest:' "$T/out"
if [ $rc -ne 0 ]; then
	for c in "$T"/found/*; do
		[ -f "$c" ] && { echo "--- $c"; cat "$c"; }
	done
	fail "exit $rc: $(grep -v '^seed' "$T/out" | tail -n 40)"
fi
umount "$T/scratch"
