#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: files and dirs a user creates in a setgid directory with a default ACL get the mode, group and ACL of the bare fs (CVE-2016-1575)
. "$STRATA_TESTS/lib/func.sh"

mkdir -p bare/sg l1/sg l1/gone
for d in bare/sg l1/sg; do
	chgrp 100 $d
	chmod 2777 $d
	setfacl -d -m u:1000:rwx,g::r-x,o::- $d 2>/dev/null || skip "no ACLs on the scratch tmpfs"
done
chmod 0755 "$T" l1 bare
rwunion m l1
chmod 0755 u
# One name is created where a lower file was deleted (the whiteout path).
echo x >l1/sg/was-here
rm m/sg/was-here
# describe PATH: mode, group and ACL, the way the bare fs answers them.
describe() {
	echo "$(stat -c '%A %g' "$1") $(getfacl -pn --omit-header "$1" | tr '\n' ' ')"
}
for dir in bare/sg m/sg; do
	as_user sh -c "umask 022; echo f >$T/$dir/file; mkdir $T/$dir/dir; echo w >$T/$dir/was-here" ||
		fail "user create in $dir"
done
for n in file dir was-here; do
	check_eq "$n" "$(describe m/sg/$n)" "$(describe bare/sg/$n)"
done
