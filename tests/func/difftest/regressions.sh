#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: every case the differential tester found (tests/difftest/cases) replays with strata and the kernel's overlay agreeing
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

cases=$STRATA_TESTS/difftest/cases
set -- "$cases"/*.case
[ -f "$1" ] || skip "no regression cases yet"
need_ext4 scratch.img scratch 256M
strata-difftest replay --scratch "$T/scratch" "$@" >"$T/out" 2>&1 || fail "$(tail -n 40 "$T/out")"
echo "$# cases replayed"
umount "$T/scratch"
