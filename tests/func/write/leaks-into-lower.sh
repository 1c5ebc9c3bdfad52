#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: fallocate, FICLONE, copy_file_range and utimensat on a lower file copy it up or fail; the lower never changes
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
for f in a b c d src; do echo "$f" >l1/$f; done
before=$(snapshot l1)
rwunion m l1
strata-probe fallocate m/a 0 8192 >/dev/null
strata-probe ficlone m/src m/b >/dev/null
strata-probe copy-range m/src m/c >/dev/null
touch -d "2000-01-01" m/d
check_eq "lower" "$(snapshot l1)" "$before"
check_eq "copied" "$(cat m/c)" src
