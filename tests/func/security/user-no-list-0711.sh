#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user cannot list a root-owned 0711 directory, as on the bare fs
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir l1/d
touch l1/d/visible-by-name
chmod 0711 l1/d
chmod 0755 "$T" l1 l2
union m l1 l2
must_fail as_user ls m/d
grep -q "Permission denied" .err || fail "error: $(cat .err)"
must as_user stat m/d/visible-by-name
