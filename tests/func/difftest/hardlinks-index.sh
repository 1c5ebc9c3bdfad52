#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on on both sides: random sequences heavy in hard links give strata and the kernel's overlay the same results, inode identities and link counts, before and after a remount
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

difftest_run 2200 30 10 --hardlinks --mount-options index=on
