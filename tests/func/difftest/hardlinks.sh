#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: random sequences heavy in hard links give strata and the kernel's overlay the same results, inode identities and link counts, before and after a remount
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

need_ext4 scratch.img scratch 512M
mkdir -p "$T/found"
sequences=30
[ "$STRATA_MODE" = debug ] && sequences=10
strata-difftest run --seed 2000 --sequences "$sequences" --ops 40 --hardlinks \
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
