#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a union with an upper mounted ro can be remounted rw and back; writes follow the mode
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo x >l1/f
mkdir -p u w m
must mount -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
must_fail sh -c 'echo y >m/g'
must mount -o remount,rw m
echo y >m/g
check_eq "written" "$(cat u/g)" y
must mount -o remount,ro m
must_fail sh -c 'echo z >>m/f'
grep -qi "read-only" "$T/.err" || fail "not EROFS: $(cat "$T/.err")"
