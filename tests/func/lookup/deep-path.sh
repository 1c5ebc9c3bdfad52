#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a deep path resolves through directories from different layers
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/a l2/a/b l3/a/b/c/d
echo deep >l3/a/b/c/d/f
union m l1 l2 l3
check_eq "deep" "$(cat m/a/b/c/d/f)" deep
