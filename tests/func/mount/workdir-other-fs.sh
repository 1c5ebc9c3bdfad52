#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a workdir on another filesystem than the upperdir is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir u w m
mount -t tmpfs other w
must_fail mount -i -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
expect_reason "same mount"
