#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: readdir's d_ino matches st_ino for every entry of merged directories
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/d l2/d/sub l3/d/sub2
touch l1/d/a l2/d/b l3/d/c l3/top
ln l3/d/c l3/d/c-link
union m l1 l2 l3
must strata-probe dents-ino m/d
must strata-probe dents-ino m
