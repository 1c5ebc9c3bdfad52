#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: O_TMPFILE in a merged directory is refused with EOPNOTSUPP, as by the 6.1 overlay
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir l1/d
rwunion m l1
check_eq "O_TMPFILE" "$(strata-probe open-err m/d 'O_TMPFILE|O_RDWR')" EOPNOTSUPP
