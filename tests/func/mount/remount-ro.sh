#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: remount ro keeps the view; remount rw without an upper is refused with EROFS
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo a >l1/f
union m l1 l2
must mount -o remount,ro m
check_eq "after remount" "$(cat m/f)" a
must_fail mount -o remount,rw m
check_eq "after refused rw" "$(cat m/f)" a
# The errno overlayfs gives a union that cannot be writable; a remount
# with flags only (no options) is what container tools send.
check_eq "remount rw" "$(strata-probe remount-err "$T/m" rw)" EROFS
check_eq "remount ro" "$(strata-probe remount-err "$T/m" ro)" ok
