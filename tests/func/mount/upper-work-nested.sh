#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: workdir inside upperdir, or upperdir inside workdir, is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u/w w2/u m
must_fail mount -i -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/u/w" none m
expect_reason "inside|separate subtrees"
must_fail mount -i -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/w2/u,workdir=$T/w2" none m
expect_reason "inside|separate subtrees"
