#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a whiteout hides the name in every lower layer
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
whiteout l1/f
echo 2 >l2/f
echo 3 >l3/f
mkdir l3/d
whiteout l2/d
union m l1 l2 l3
must_fail stat m/f
grep -q "No such file" .err || fail "stat error: $(cat .err)"
must_fail stat m/d
must_fail cat m/f
