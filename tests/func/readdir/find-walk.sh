#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a whole-tree walk sees every visible path once
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/a/b l2/a/b l2/a/c l3/a/b/d l3/e
touch l1/a/b/f1 l2/a/c/f2 l3/a/b/d/f3 l3/e/f4 l2/a/b/f5
whiteout l1/e
union m l1 l2 l3
check_eq "walk" "$(cd m && find . | sort | tr '\n' ' ')" \
	". ./a ./a/b ./a/b/d ./a/b/d/f3 ./a/b/f1 ./a/b/f5 ./a/c ./a/c/f2 "
