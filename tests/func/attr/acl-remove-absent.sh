#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: removing an ACL a lower file does not have fails with ENODATA and copies nothing up; removing one it has copies it up without it
. "$STRATA_TESTS/lib/func.sh"

# On 6.12 an ACL removal reaches the union as ->set_acl(NULL), on 6.1 as a
# removexattr: the same answer either way.
mklayers 1
echo x >l1/plain
echo y >l1/withacl
setfacl -m u:1000:r l1/withacl 2>"$T/.err" || skip "no ACLs here: $(cat "$T/.err")"
rwunion m l1
must_fail setfattr -x system.posix_acl_access m/plain
grep -qi "no such attribute\|no data" "$T/.err" || fail "not ENODATA: $(cat "$T/.err")"
[ -e u/plain ] && fail "removing an absent ACL copied the file up"
must setfattr -x system.posix_acl_access m/withacl
[ -e u/withacl ] || fail "removing an ACL did not copy the file up"
check_eq "upper ACL" "$(getfacl -pn --omit-header u/withacl | grep -c '^user:1000')" 0
check_eq "lower ACL" "$(getfacl -pn --omit-header l1/withacl | grep -c '^user:1000')" 1
true
