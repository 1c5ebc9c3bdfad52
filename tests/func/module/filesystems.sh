#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: the strata type is registered
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

grep -qw strata /proc/filesystems || fail "not in /proc/filesystems"
