#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: xattrs read and list through; trusted.overlay.* are hidden
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
# tmpfs in 6.1 has no user.* xattrs; trusted.* and security.* it has.
opaque l1/d
setfattr -n trusted.color -v blue l1/d
touch l1/f
setfattr -n trusted.k -v v l1/f
setfattr -n security.s -v w l1/f
union m l1 l2
check_eq "get" "$(getfattr --only-values -n trusted.k m/f)" v
check_eq "security" "$(getfattr --only-values -n security.s m/f)" w
check_eq "dir" "$(getfattr --only-values -n trusted.color m/d)" blue
getfattr -d -m - m/f 2>/dev/null | grep -q '^trusted.k=' || fail "trusted.k not listed"
must_fail getfattr -n trusted.overlay.opaque m/d
getfattr -d -m - m/d 2>/dev/null | grep -q overlay && fail "trusted.overlay.* listed"
exit 0
