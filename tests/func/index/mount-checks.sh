#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on ties the upper to its first lower and the index to its upper (ESTALE otherwise, with a reason; index=off mounts), falls back to index=off where a lower cannot make file handles or there is no upper, and shows in the mount table
. "$STRATA_TESTS/lib/func.sh"

# falls_back WHAT LOWER UPPER WORK: index=on over LOWER, whose f and g
# are one file, falls back to index=off: not shown, no index, and a write
# to f leaves g as it was.
falls_back() {
	must mount -t "$FSTYPE" -o "lowerdir=$2,upperdir=$T/$3,workdir=$T/$4,index=on" none m
	grep " $T/m " /proc/mounts | grep -q ",index=on" &&
		fail "index=on shown over $1: $(grep " $T/m " /proc/mounts)"
	echo y >>m/f
	check_eq "g after the fallback over $1" "$(cat m/g)" x
	[ -e "$4/index" ] && fail "an index was made over $1"
	umount m
}

mklayers 3
mkdir m
# A lower on NFS has a null uuid.
if [ -n "${STRATA_LOWER_VIEW:-}" ]; then
	echo x >l1/f
	ln l1/f l1/g
	mkdir u w
	falls_back NFS "$(lowerdir_of l1)" u w
	exit 0
fi

echo x >l1/f
ln l1/f l1/g
UNION_OPTS=index=on
rwunion m l1 l2
grep " $T/m " /proc/mounts | grep -q ",index=on" ||
	fail "index=on not shown: $(grep " $T/m " /proc/mounts)"
echo y >>m/f
umount m

# Another first lower: the upper's origin says it was made over l1.
mount -t "$FSTYPE" -o "lowerdir=$T/l3:$T/l2,upperdir=$T/u,workdir=$T/w,index=on" none m 2>.err &&
	fail "mounted over another first lower"
grep -qi "stale file handle" .err || fail "not ESTALE: $(cat .err)"
expect_reason "lower|origin"
must mount -t "$FSTYPE" -o "lowerdir=$T/l3:$T/l2,upperdir=$T/u,workdir=$T/w,index=off" none m
must umount m

# The index belongs to its upper: the same workdir with another upper.
mkdir u2
mount -t "$FSTYPE" -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u2,workdir=$T/w,index=on" none m 2>.err &&
	fail "mounted another upper over the index"
grep -qi "stale file handle" .err || fail "not ESTALE: $(cat .err)"
expect_reason "index|upper"

# The layers it was made with still mount, and the link holds.
rwunion m l1 l2
check_eq "g" "$(cat m/g)" "x
y"
umount m

# A lower on ramfs makes no file handles.
mkdir r ru rw
mount -t ramfs ramfs r || fail "mount ramfs"
echo x >r/f
ln r/f r/g
falls_back ramfs "$T/r" ru rw
umount r

# A read-only union has no upper to keep an index in.
must mount -t "$FSTYPE" -o "lowerdir=$T/l1:$T/l2,index=on" none m
check_eq "read-only view" "$(cat m/g)" x
umount m
