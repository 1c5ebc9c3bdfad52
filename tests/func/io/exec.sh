#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a program in a lower layer runs through the union (mmap of text)
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
cp /bin/busybox l1/busybox
union m l1 l2
check_eq "exec" "$(m/busybox echo ran)" ran
