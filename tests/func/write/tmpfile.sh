#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: O_TMPFILE in a merged directory is refused with EOPNOTSUPP on every kernel, as by the 6.1 overlay (6.12's overlay makes the file)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir l1/d
rwunion m l1
# overlayfs learnt O_TMPFILE in 6.10; Strata has not (README, differences).
expected=EOPNOTSUPP
overlay_since 6 10 && expected=ok
check_eq "O_TMPFILE" "$(strata-probe open-err m/d 'O_TMPFILE|O_RDWR')" "$expected"
