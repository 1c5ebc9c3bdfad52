#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a directory present in several layers shows all their entries
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/d l2/d l3/d/sub
echo 1 >l1/d/a
echo 2 >l2/d/b
echo 3 >l3/d/sub/c
union m l1 l2 l3
check_eq "a" "$(cat m/d/a)" 1
check_eq "b" "$(cat m/d/b)" 2
check_eq "sub/c" "$(cat m/d/sub/c)" 3
