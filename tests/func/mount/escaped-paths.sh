#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: layer paths with colon, comma, space and backslash mount, and /proc/mounts parses back
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir -p 'a:b' 'c,d' 'e f' 'g\h' m m2
echo 1 >'a:b/one'
echo 2 >'c,d/two'
echo 3 >'e f/three'
echo 4 >'g\h/four'
lower='a\:b:c\,d:e f:g\\h'
cd "$T"
must mount -i -t "$FSTYPE" -o "lowerdir=$lower" none m
check_eq "listing" "$(listing m | tr '\n' ' ')" "four one three two "
# findmnt undoes the mount table's octal escapes; what is left must be a
# lowerdir value that mounts the same stack again.
grep -q "lowerdir=a\\\\134:b" /proc/mounts || fail "raw table: $(grep " $T/m " /proc/mounts)"
shown=$(findmnt -n -o FS-OPTIONS "$T/m" | sed 's/^.*lowerdir=/lowerdir=/')
check_eq "shown" "$shown" "lowerdir=$lower"
must mount -i -t strata -o "$shown" none m2
check_eq "remounted listing" "$(listing m2 | tr '\n' ' ')" "four one three two "
