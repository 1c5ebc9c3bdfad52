#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a writable mount with upperdir is refused, saying why, until the write side lands
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir u w m
must_fail mount -t strata -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
expect_reason "not implemented yet"
must mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
must_fail mount -o remount,rw "$T/m"
expect_reason "not implemented yet"
