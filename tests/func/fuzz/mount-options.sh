#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: 4000 rounds of random and malformed options through fsconfig() and mount(2): no crash, every fsconfig refusal has a message
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# A fixed seed: the suite repeats itself; explore with other seeds by hand
# (strata-optfuzz SEED ROUNDS DIR).
mkdir scratch
strata-optfuzz 20261129 4000 "$T/scratch" >"$T/out" 2>&1 || fail "$(tail -n 20 "$T/out")"
cat "$T/out"
grep -q ' mounted$' "$T/out" || fail "no summary: $(cat "$T/out")"
grep -q ', 0 mounted$' "$T/out" && fail "no round mounted: the fuzzer never reached fill_super's success path"
[ -z "$(grep ' / ' /proc/mounts | grep strata)" ] || true
grep -q "$T/scratch/m" /proc/mounts && fail "a fuzzed mount stayed mounted"
exit 0
