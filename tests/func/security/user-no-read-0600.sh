#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user cannot read a root-only lower file through the union
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo secret >l1/s
chmod 0600 l1/s
chmod 0755 "$T" l1 l2
union m l1 l2
must_fail as_user cat m/s
grep -q "Permission denied" .err || fail "error: $(cat .err)"
check_eq "root still reads" "$(cat m/s)" secret
