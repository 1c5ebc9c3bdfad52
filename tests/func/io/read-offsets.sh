#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: reads at offsets and after seeks return the right bytes
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
seq 1 100000 >l1/f
union m l1 l2
check_eq "skip" "$(dd if=m/f bs=1 skip=100 count=20 2>/dev/null)" "$(dd if=l1/f bs=1 skip=100 count=20 2>/dev/null)"
check_eq "tail" "$(tail -c 30 m/f)" "$(tail -c 30 l1/f)"
check_eq "size" "$(wc -c <m/f)" "$(wc -c <l1/f)"
