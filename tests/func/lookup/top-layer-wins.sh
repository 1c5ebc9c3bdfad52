#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a name in several layers resolves to the topmost one
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
echo 1 >l1/f
echo 2 >l2/f
echo 3 >l3/f
echo 3 >l3/g
union m l1 l2 l3
check_eq "f" "$(cat m/f)" 1
check_eq "g from bottom" "$(cat m/g)" 3
