#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a name absent from every layer is ENOENT, and stays so
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
union m l1 l2
must_fail stat m/nothing
grep -q "No such file" .err || fail "error: $(cat .err)"
must_fail stat m/nothing
must_fail stat m/nothing/below
