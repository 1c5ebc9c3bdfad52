#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on: unlink, link and rename over a name of a lower hard link change the union's link count of all its names, which a remount keeps; the index entry goes with the last name
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: a null uuid turns index=on off (see index/mount-checks)"

mklayers 2
echo data >l1/a
ln l1/a l1/b
ln l1/a l1/c
echo other >l1/x
ino=$(stat -c %i l1/a)
UNION_OPTS=index=on
rwunion m l1 l2

# links N NAME...: each NAME shows N links and the lower's number.
links() {
	n=$1
	shift
	for name in "$@"; do
		check_eq "$name: links" "$(stat -c %h "m/$name")" "$n"
		check_eq "$name: st_ino" "$(stat -c %i "m/$name")" "$ino"
	done
}

links 3 a b c
must rm m/b
links 2 a c
[ -e m/b ] && fail "b still shows"
must ln m/a m/a2
links 3 a c a2
# A rename over an indexed name removes that name.
must mv m/x m/c
check_eq "c is x now" "$(cat m/c)" other
links 2 a a2
umount m
rwunion m l1 l2
links 2 a a2
[ -e m/b ] && fail "b shows after a remount"
check_eq "c after a remount" "$(cat m/c)" other
echo 3 >/proc/sys/vm/drop_caches
links 2 a a2
check_eq "index entries" "$(index_entries w | wc -l)" 1
must rm m/a m/a2
check_eq "names left" "$(ls m | tr '\n' ' ')" "c "
check_eq "index entries after the last name" "$(index_entries w)" ""
umount m
rwunion m l1 l2
check_eq "names after a remount" "$(ls m | tr '\n' ' ')" "c "
check_eq "lower" "$(ls l1 | tr '\n' ' ')" "a b c x "
