#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: POSIX ACLs on idmapped layers: a lower's entries show and grant by the mapped ids and keep them in a copy-up; through an idmapped upper, setfacl and default ACLs store the ids the mapping gives back
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/idmap.sh"

# acl_of FILE: its entries for named users and groups (without getfacl's
# note of the effective rights), one line.
acl_of() {
	getfacl -n -p -c "$1" 2>/dev/null | grep -E '^(default:)?(user|group):[0-9]' |
		cut -f1 | tr '\n' ' '
}

idmap_src
echo secret >src/l/f
chmod 0600 src/l/f
setfacl -m u:5:r,g:6:r src/l/f || skip "no ACLs on the guest's ext4"
mkdir src/l/d
setfacl -m d:u:5:rwx src/l/d
idmapped "$T/src/l" "$T/idl" 0:100000:65536
must mount -t "$FSTYPE" -o "lowerdir=$T/idl,upperdir=$T/src/u,workdir=$T/src/w" none m

check_eq "lower ACL in the union" "$(acl_of m/f)" "user:100005:r-- group:100006:r-- "
check_eq "read by the mapped entry" \
	"$(setpriv --reuid=100005 --regid=1 --clear-groups cat m/f 2>&1)" secret
setpriv --reuid=5 --regid=1 --clear-groups cat m/f >/dev/null 2>&1 &&
	fail "the stored id of the entry read the file"
must touch m/f
check_eq "copied ACL, stored" "$(acl_of src/u/f)" "user:100005:r-- group:100006:r-- "
must touch m/d/new
check_eq "default ACL of the copied d, stored" "$(acl_of src/u/d)" "default:user:100005:rwx "
check_eq "inherited by new, stored" "$(acl_of src/u/d/new)" "user:100005:rwx "
must umount m

# An idmapped upper: stored ids 100000.. are shown as 0..
mkdir -p src/l2 src/u2 src/w2
chown 100000:100000 src/u2 src/w2
echo g >src/l2/g
idmapped "$T/src" "$T/ids" 100000:0:65536
must mount -t "$FSTYPE" -o "lowerdir=$T/src/l2,upperdir=$T/ids/u2,workdir=$T/ids/w2" none m
must setfacl -m u:7:rw m/g
check_eq "set through the union" "$(acl_of m/g)" "user:7:rw- "
check_eq "set, stored" "$(acl_of src/u2/g)" "user:100007:rw- "
must mkdir m/dd
must setfacl -m d:u:9:rx m/dd
must touch m/dd/inherits
check_eq "inherited, stored" "$(acl_of src/u2/dd/inherits)" "user:100009:r-x "
check_eq "inherited, in the union" "$(acl_of m/dd/inherits)" "user:9:r-x "
must umount m
