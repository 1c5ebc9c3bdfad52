#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower layer that contains or sits inside the upper or work dir is refused
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir -p base/u base/w l2 m other/l1
must_fail mount -i -t strata -o "ro,lowerdir=$T/base:$T/l2,upperdir=$T/base/u,workdir=$T/base/w" none m
expect_reason "overlaps"
mkdir -p u/inner w
must_fail mount -i -t strata -o "ro,lowerdir=$T/u/inner:$T/l2,upperdir=$T/u,workdir=$T/w" none m
expect_reason "overlaps"
must_fail mount -i -t strata -o "ro,lowerdir=$T/w:$T/l2,upperdir=$T/u,workdir=$T/w" none m
expect_reason "overlaps"
