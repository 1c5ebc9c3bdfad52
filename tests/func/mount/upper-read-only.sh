#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a read-only mount with upperdir shows the upper as the top layer
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p u/d w l1/d l2/d
echo upper >u/f
echo lower >l1/f
whiteout u/gone
echo x >l2/gone
echo y >l2/d/below
opaque u/d
echo z >u/d/own
mkdir m
mount -t "$FSTYPE" -o "ro,lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m 2>.err ||
	fail "mount: $(cat .err)"
check_eq "upper wins" "$(cat m/f)" upper
must_fail stat m/gone
check_eq "opaque in upper" "$(listing m/d | tr '\n' ' ')" "own "
must_fail touch m/new
check_eq "statfs from upper" "$(stat -f -c %b m)" "$(stat -f -c %b u)"
