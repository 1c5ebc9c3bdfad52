#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a directory hides a lower non-directory; the walk stops there
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/x l3/x
touch l1/x/top
echo file >l2/x
touch l3/x/bottom
union m l1 l2 l3
test -d m/x || fail "m/x is not a directory"
test -e m/x/top || fail "top entry missing"
test -e m/x/bottom && fail "entry below the file shows through"
exit 0
