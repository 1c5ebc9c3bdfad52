#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upper on a read-only mount still tops a read-only union; its workdir is left alone
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p P/u P/w/work Pro m
echo up >P/u/f
echo left >P/w/work/leftover
mount --bind P Pro
mount -o remount,bind,ro Pro
must mount -t strata -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/Pro/u,workdir=$T/Pro/w" none m
check_eq "view" "$(cat m/f)" up
check_eq "work left alone" "$(cat P/w/work/leftover)" left
