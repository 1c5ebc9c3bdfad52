#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a merged directory lists each name once, from every layer
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/d l2/d l3/d
touch l1/d/a l1/d/both l2/d/b l2/d/both l3/d/c l3/d/both
mkdir l3/d/sub
union m l1 l2 l3
check_eq "listing" "$(listing m/d | tr '\n' ' ')" "a b both c sub "
check_eq "root" "$(listing m | tr '\n' ' ')" "d "
