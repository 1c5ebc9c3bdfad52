#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an existing WORKDIR/work with an open mode and ACLs, under a workdir with a default ACL, is left with mode 0 and no ACL, and copy-ups built there inherit none of it
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo x >l1/f
mkdir -p u w/work m
chmod 0777 w/work
setfacl -d -m u:1000:rwx w 2>"$T/.err" || skip "no ACLs here: $(cat "$T/.err")"
setfacl -m u:1000:rwx w/work
setfacl -d -m u:1000:rwx w/work
must mount -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/u,workdir=$T/w" none m
check_eq "work mode" "$(stat -c %a w/work)" 0
check_eq "work ACL" "$(getfacl -pn --omit-header w/work | grep -v '^$' | tr '\n' ' ')" "user::--- group::--- other::--- "
# A copy-up is built in work: it must not carry work's default ACL.
chmod 0640 m/f
check_eq "copy-up ACL" "$(getfacl -pn --omit-header u/f | grep -v '^$' | tr '\n' ' ')" "user::rw- group::r-- other::--- "
umount m
