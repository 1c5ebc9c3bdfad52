#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: RENAME_NOREPLACE, RENAME_EXCHANGE and RENAME_WHITEOUT give overlayfs's answers
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo a >l1/a
echo b >l1/b
rwunion m l1
echo c >m/c
check_eq "noreplace onto a file" "$(strata-probe rename m/a m/b noreplace)" EEXIST
check_eq "exchange" "$(strata-probe rename m/a m/b exchange)" ok
check_eq "swapped" "$(cat m/a m/b)" "b
a"
check_eq "exchange with missing" "$(strata-probe rename m/a m/missing exchange)" ENOENT
check_eq "whiteout" "$(strata-probe rename m/c m/d whiteout)" EINVAL
rm m/b
check_eq "noreplace onto a deleted name" "$(strata-probe rename m/c m/b noreplace)" ok
check_eq "b" "$(cat m/b)" c
check_eq "upper" "$(upper_tree u)" ". directory
./a regular_file
./b regular_file"
