#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on: a mount removes what a crash or a change of the lowers left in the index (entries no name links, entries whose lower file is gone, staging leftovers) and keeps the rest; an entry that is no index entry fails the mount with its reason
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: a null uuid turns index=on off (see index/mount-checks)"

mklayers 2
for f in a p y; do
	echo "$f" >"l1/$f"
	ln "l1/$f" "l1/$f-2"
done
UNION_OPTS=index=on
rwunion m l1 l2
echo more >>m/a	# entry of a: linked at a
must rm m/p	# entry of p: no upper name, counts p-2
must rm m/y	# entry of y: no upper name, counts y-2
umount m
check_eq "entries" "$(index_entries w | wc -l)" 3
# A crash between removing y-2's name and its entry: no name counted.
y_entry=$(index_entries w | while read -r e; do
	e=w/index/$e
	[ "$(stat -c %h "$e")" = 1 ] && [ "$(cat "$e")" = y ] && echo "$e"; done)
[ -n "$y_entry" ] || fail "no entry for y: $(ls -l w/index)"
must setfattr -n trusted.overlay.nlink -v U-1 "$y_entry"
mknod u/y-2 c 0 0
# p's lower file is gone (the lowers changed while unmounted).
rm l1/p l1/p-2
# What an interrupted copy-up of the kernel's overlay leaves there.
echo half >"w/index/#12"

rwunion m l1 l2
check_eq "entries after the mount" "$(index_entries w | wc -l)" 1
[ -e "w/index/#12" ] && fail "the staging leftover stayed"

check_eq "a" "$(cat m/a-2)" "a
more"
check_eq "a's links" "$(stat -c %h m/a)" 2
for f in p p-2 y y-2; do
	[ -e "m/$f" ] && fail "$f shows"
done
umount m

# A name that is no index entry: the mount fails and says why.
echo x >w/index/not-an-entry
mount -t "$FSTYPE" -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w,index=on" none m 2>.err &&
	fail "mounted over a foreign index entry"
expect_reason "index"
# index=off leaves the index alone.
UNION_OPTS=index=off
rwunion m l1 l2
[ -e w/index/not-an-entry ] || fail "index=off removed an index entry"
umount m
