#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: setting and removing xattrs copies up; the overlay's private names cannot be set through the union
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo x >l1/f
setfattr -n trusted.old -v 1 l1/f
mkdir l1/d
rwunion m l1
must setfattr -n trusted.new -v 2 m/f
must setfattr -x trusted.old m/f
check_eq "upper" "$(getfattr --absolute-names -d -m '^trusted\.' u/f | grep '^trusted' | grep -v '^trusted.overlay' | sort)" 'trusted.new="2"'
check_eq "lower" "$(getfattr --only-values -n trusted.old l1/f)" 1
# overlayfs 6.7+ stores such a name escaped (trusted.overlay.overlay.*),
# for nested overlays; Strata refuses it on every kernel, as 6.1 does.
if overlay_since 6 7; then
	must setfattr -n trusted.overlay.opaque -v y m/d
else
	must_fail setfattr -n trusted.overlay.opaque -v y m/d
fi
getfattr -n trusted.overlay.opaque u/d >/dev/null 2>&1 && fail "opaque mark set through the union"
true
