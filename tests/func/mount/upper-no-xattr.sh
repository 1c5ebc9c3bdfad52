#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upperdir on a filesystem without trusted xattrs is refused
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir r m
mount -t ramfs r r
mkdir r/u r/w
must_fail mount -i -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/r/u,workdir=$T/r/w" none m
expect_reason "no trusted xattrs"
