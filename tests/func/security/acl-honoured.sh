#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower file's POSIX ACL grants and denies as on the bare fs
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo x >l1/f
chmod 0600 l1/f
setfacl -m u:1000:r l1/f
echo y >l1/g
chmod 0644 l1/g
setfacl -m u:1000:- l1/g
chmod 0755 "$T" l1 l2
union m l1 l2
check_eq "granted" "$(as_user cat m/f)" x
must_fail as_user cat m/g
