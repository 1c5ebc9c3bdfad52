#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a non-directory hides a lower directory of the same name
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo file >l1/x
mkdir -p l2/x
touch l2/x/inner
union m l1 l2
test -f m/x || fail "m/x is not a regular file"
check_eq "content" "$(cat m/x)" file
