#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rename over a lower file replaces it; rename onto a deleted name replaces the whiteout
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo src >l1/src
echo dst >l1/dst
echo gone >l1/gone
rwunion m l1
echo new >m/new
rm m/gone
must mv m/src m/dst
must mv m/new m/gone
check_eq "dst" "$(cat m/dst)" src
check_eq "gone" "$(cat m/gone)" new
check_eq "upper" "$(upper_tree u)" ". directory
./dst regular_file
./gone regular_file
./src whiteout"
