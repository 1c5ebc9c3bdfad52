#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: d_ino matches st_ino for copies moved or linked into a directory of the upper alone, before and after remount
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: see attr/ino-origin-unfollowable"

mklayers 1
mkdir l1/d
echo f >l1/d/f
echo g >l1/d/g
rwunion m l1
mkdir m/new
touch m/new/plain
f=$(stat -c %i m/d/f)
echo 1 >>m/d/f
mv m/d/f m/new/f
ln m/d/g m/new/g2
check_eq "moved copy keeps its number" "$(stat -c %i m/new/f)" "$f"
must strata-probe dents-ino m/new
must strata-probe dents-ino m/d
umount m
rwunion m l1
check_eq "after remount" "$(stat -c %i m/new/f)" "$f"
must strata-probe dents-ino m/new
echo 3 >/proc/sys/vm/drop_caches
must strata-probe dents-ino m/new
check_eq "g2 is g" "$(stat -c %i m/new/g2)" "$(stat -c %i m/d/g)"
