#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: upperdir without workdir, and workdir without upperdir, are refused
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir u w m
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u" none m
expect_reason "needs a workdir"
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,workdir=$T/w" none m
expect_reason "without upperdir"
