#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a writable union needs a writable upper: one on a read-only mount is refused for rw, saying why, and its ro union cannot be remounted rw (EROFS)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p P/u P/w Pro m
mount --bind P Pro
mount -o remount,bind,ro Pro
opts="lowerdir=$T/l1:$T/l2,upperdir=$T/Pro/u,workdir=$T/Pro/w"
must_fail mount -t strata -o "$opts" none m
expect_reason "read-only mount"
must mount -t strata -o "ro,$opts" none m
must_fail mount -o remount,rw "$T/m"
expect_reason "workdir was never prepared"
check_eq "remount rw" "$(strata-probe remount-err "$T/m" rw)" EROFS
