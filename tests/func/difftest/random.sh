#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: random operation sequences over random layer sets give the same results on strata as on the kernel's overlay, step by step
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# A fixed budget and seed, so the suite repeats itself; longer runs and
# other seeds by hand: strata-difftest run --seed S --sequences K.
difftest_run 1000 100 30
