#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: strata.ko cannot be unloaded while a mount exists
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
union m l1 l2
must_fail rmmod strata
grep -qw strata /proc/modules || fail "module gone while mounted"
