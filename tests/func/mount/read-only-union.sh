#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: lowers-only mount shows the layer and refuses writes with EROFS
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo hello >l1/f
union m l1 l2
check_eq "content" "$(cat m/f)" hello
must_fail sh -c 'echo x >m/f'
grep -q "Read-only file system" .err || fail "write error: $(cat .err)"
must_fail touch m/new
must_fail mkdir m/d
check_eq "lower untouched" "$(cat l1/f)" hello
