#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mount -o remount,ro through mount(2) with the table's options keeps the layers
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo a >l2/f
union m l1 l2
must mount -i -o remount,ro "$T/m"
check_eq "view" "$(cat m/f)" a
must_fail mount -i -o remount,rw "$T/m"
check_eq "view after refused rw" "$(cat m/f)" a
must_fail mount -i -o "remount,ro,lowerdir=$T/l2:$T/l1" "$T/m"
expect_reason "cannot change on remount"
check_eq "view after refused change" "$(cat m/f)" a
