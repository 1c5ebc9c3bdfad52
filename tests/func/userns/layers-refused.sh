#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, the mount's layer rules hold: no second mount on a busy upper (EBUSY), no upper the user cannot write, no layer on /proc, no stacking past the kernel's depth
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir -p "$B/m2" "$B/ru" "$B/rw" "$B/s1" "$B/s2" "$B/s3"
chown 1000:1000 "$B/m2" "$B/s1" "$B/s2" "$B/s3"
userns_run "mount -i -t strata -o $(userns_opts) none $B/m2" &&
	fail "a second mount over a busy upper"
# mount(8) words EBUSY as "already mounted".
grep -q -e "busy" -e "already mounted" "$T/.err" || fail "busy upper: $(cat "$T/.err")"
# Root's upper: the namespace's root cannot write it.
in_userns "mount -t strata -o lowerdir=$B/l1,upperdir=$B/ru,workdir=$B/rw,userxattr none $B/m" &&
	fail "mounted over an upper of root's"
in_userns "mount -i -t strata -o lowerdir=/proc/self,userxattr none $B/m" &&
	fail "a layer on /proc"
in_userns "mount -t strata -o lowerdir=$B/l1,userxattr none $B/s1 &&
	mount -t strata -o lowerdir=$B/s1,userxattr none $B/s2 &&
	mount -t strata -o lowerdir=$B/s2,userxattr none $B/s3" &&
	fail "stacked three deep"
grep -q -i "stacking depth" "$T/.err" || fail "stacking: $(cat "$T/.err")"
