#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: writing deep in lower-only directories copies the parents up first, with their modes and owners
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l2/a/b/c
chmod 750 l2/a
chown 1000:1000 l2/a/b
chmod 1777 l2/a/b/c
echo old >l2/a/b/c/f
echo sib >l2/a/sibling
rwunion m l1 l2
echo new >m/a/b/c/f
for d in a a/b a/b/c; do
	check_eq "$d" "$(stat -c '%a %u %g' u/$d)" "$(stat -c '%a %u %g' l2/$d)"
done
check_eq "sibling not copied" "$(ls u/a)" b
check_eq "merged" "$(cat m/a/b/c/f)" new
check_eq "merged sibling" "$(cat m/a/sibling)" sib
