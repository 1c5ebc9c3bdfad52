#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a whiteout in a lower layer does not hide a name above it
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo top >l1/f
whiteout l2/f
union m l1 l2
check_eq "f" "$(cat m/f)" top
