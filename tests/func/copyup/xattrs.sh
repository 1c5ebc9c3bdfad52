#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: copy-up carries trusted.* xattrs and ACLs, but never the overlay's private trusted.overlay.* names
. "$STRATA_TESTS/lib/func.sh"

need_lower_xattrs "a trusted.* xattr to copy"
mklayers 1
echo x >l1/f
setfattr -n trusted.keep -v yes l1/f
setfattr -n trusted.overlay.secret -v no l1/f
setfacl -m u:1000:r l1/f 2>/dev/null || skip "no ACLs on the scratch tmpfs"
rwunion m l1
must chmod 640 m/f
check_eq "trusted.keep" "$(getfattr --only-values -n trusted.keep u/f)" yes
getfattr -n trusted.overlay.secret u/f >/dev/null 2>&1 &&
	fail "trusted.overlay.secret was copied up"
getfacl -pn u/f | grep -q '^user:1000:r--' || fail "ACL lost: $(getfacl -pn u/f)"
check_eq "mode" "$(stat -c %a u/f)" 640
