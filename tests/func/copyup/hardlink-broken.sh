#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: writing one name of a lower hard link copies that name up only; the other keeps the lower data
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo old >l1/a
ln l1/a l1/b
rwunion m l1
echo new >m/a
check_eq "a" "$(cat m/a)" new
check_eq "b" "$(cat m/b)" old
[ -e u/b ] && fail "b was copied up too"
true
