#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: unmount and mount again gives the same view
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo a >l2/f
union m l1 l2
check_eq "first" "$(cat m/f)" a
must umount m
union m l1 l2
check_eq "second" "$(cat m/f)" a
