#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: lower layers with unknown or bogus trusted.overlay.* names, odd opaque values and huge xattrs are not followed and copy up cleanly
# fstypes: strata
# (The oracle reads trusted.overlay.origin, so it has no common answer here.
# The redirect and metacopy marks Strata refuses: see
# lookup/metacopy-redirect-refused.)
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d l2/etc
echo below >l2/d/below
echo f >l1/d/f
setfattr -n trusted.overlay.opaque -v x l1/d
setfattr -n trusted.overlay.nosuchmark -v y l1/d
setfattr -n trusted.overlay.origin -v garbage l1/d/f
setfattr -n trusted.overlay.nosuchmark -v y l1/d/f
setfattr -n trusted.big -v "0x$(head -c 32768 /dev/zero | od -An -tx1 -v | tr -d ' \n')" l1/d/f
rwunion m l1 l2
check_eq "merged" "$(listing m/d)" "below
f"
echo more >>m/d/f
check_eq "content" "$(cat m/d/f)" "f
more"
check_eq "big xattr" "$(getfattr --only-values -n trusted.big u/d/f | wc -c)" 32768
for x in origin nosuchmark; do
	getfattr -n trusted.overlay.$x u/d/f >/dev/null 2>&1 && fail "trusted.overlay.$x copied up"
done
true
