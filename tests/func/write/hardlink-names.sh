#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: removing or renaming one name of a hard-linked file leaves the other; a lower link seen before a copy-up keeps the lower data
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo lower >l1/a
ln l1/a l1/b
rwunion m l1
# Both names looked up first, then one is written.
check_eq "before" "$(cat m/a m/b)" "lower
lower"
echo new >m/a
check_eq "a" "$(cat m/a)" new
check_eq "b" "$(cat m/b)" lower
# Upper links: each name can go on its own.
echo up >m/c
ln m/c m/d
ln m/c m/e
check_eq "nlink" "$(stat -c %h m/c)" 3
must rm m/c
check_eq "d after rm c" "$(cat m/d) $(stat -c %h m/d)" "up 2"
must mv m/d m/f
check_eq "f after mv" "$(cat m/f) $(stat -c %h m/e)" "up 2"
check_eq "upper" "$(upper_tree u)" ". directory
./a regular_file
./e regular_file
./f regular_file"
