#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an ACL or mode tightened through the union counts at once for a user who read the file before (the union's inodes keep no stale ACL)
. "$STRATA_TESTS/lib/func.sh"

# A stacked inode that caches the real ACL keeps checking callers against
# the old one after the real ACL changes; the mounter's own check then
# passes, so the old ACL decides.
mklayers 1
echo secret >l1/f
echo secret >l1/g
chmod 0644 l1/f l1/g
chmod 0755 "$T" l1
rwunion m l1
chmod 0755 u m
for f in f g; do
	as_user cat "m/$f" >/dev/null || fail "user cannot read $f before the change"
done
setfacl -m u:1000:--- m/f 2>"$T/.err" || skip "no ACLs here: $(cat "$T/.err")"
as_user cat m/f >/dev/null 2>&1 && fail "user still reads f after setfacl -m u:1000:---"
# A tightening chmod on a file with an ACL: the mask now denies the named
# user's read too.
setfacl -m u:1000:r m/g
as_user cat m/g >/dev/null || fail "user cannot read g with u:1000:r"
chmod 0600 m/g
as_user cat m/g >/dev/null 2>&1 && fail "user still reads g after chmod 0600"
check_eq "upper ACL" "$(getfacl -pn --omit-header u/f | grep '^user:1000')" "user:1000:---"
true
