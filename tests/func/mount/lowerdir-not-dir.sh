#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lowerdir that is a regular file is refused
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
touch file
mkdir m
must_fail mount -t "$FSTYPE" -o lowerdir=l1:"$T/file" none m
expect_reason "not a directory"
