#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: renaming a directory over an empty-looking merged directory replaces it and keeps the lower entries hidden
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir -p l1/target
echo old >l1/target/f
rwunion m l1
rm m/target/f
mkdir m/src
echo new >m/src/g
must mv -T m/src m/target
check_eq "listing" "$(listing m/target)" g
mkdir m/full
echo x >m/full/x
# Over a directory with entries and no lower part, the union answers what
# the upper's filesystem answers (POSIX allows ENOTEMPTY or EEXIST; xfs
# gives EEXIST), as overlayfs passes it on.
mkdir -p bare-a bare-b	# beside u, on its filesystem
: >bare-b/x
bare=$(strata-probe rename bare-a bare-b)
case $bare in ENOTEMPTY | EEXIST) ;; *) fail "bare rename over non-empty: $bare" ;; esac
check_eq "over non-empty" "$(strata-probe rename m/target m/full)" "$bare"
check_eq "upper" "$(upper_tree u)" ". directory
./full directory
./full/x regular_file
./target directory opaque=y
./target/g regular_file"
umount m
work_clean
