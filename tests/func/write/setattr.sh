#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: chmod, chown, utimes and truncate on lower files change the upper copy only
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
for f in a b c d; do echo "$f-data" >l1/$f; done
mkdir l1/dir
rwunion m l1
must chmod 600 m/a
must chown 1000:100 m/b
must touch -d "1999-12-31 23:59:59" m/c
must truncate -s 2 m/d
must chmod 700 m/dir
check_eq "a" "$(stat -c %a m/a u/a)" "600
600"
check_eq "b" "$(stat -c %u:%g m/b u/b)" "1000:100
1000:100"
check_eq "c" "$(stat -c %y m/c | cut -c1-19)" "1999-12-31 23:59:59"
check_eq "d" "$(cat m/d)" d-
check_eq "dir" "$(stat -c %a u/dir)" 700
check_eq "lower" "$(stat -c '%a %u' l1/a l1/b l1/dir)" "644 0
644 0
755 0"
