#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a name longer than NAME_MAX is ENAMETOOLONG
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
union m l1 l2
long=$(printf '%0256d' 0)
must_fail stat "m/$long"
grep -q "too long" .err || fail "error: $(cat .err)"
