#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an opaque directory stops the walk to lower layers
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/d l2/d l3/d
opaque l1/d
echo 1 >l1/d/a
echo 2 >l2/d/b
echo 3 >l3/d/c
union m l1 l2 l3
check_eq "own entry" "$(cat m/d/a)" 1
must_fail stat m/d/b
must_fail stat m/d/c
