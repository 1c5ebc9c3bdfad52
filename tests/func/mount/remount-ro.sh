#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: remount ro keeps the view; remount rw without an upper is refused
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo a >l1/f
union m l1 l2
must mount -o remount,ro m
check_eq "after remount" "$(cat m/f)" a
must_fail mount -o remount,rw m
check_eq "after refused rw" "$(cat m/f)" a
