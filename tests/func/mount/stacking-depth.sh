#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a union stacked on a union stacked on a union is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
touch l1/f
union m1 l1 l2
union m2 m1 l2
test -e m2/f || fail "second level does not show the file"
mkdir m3
must_fail mount -t "$FSTYPE" -o "lowerdir=$T/m2:$T/l2" none m3
expect_reason "stacking depth"
