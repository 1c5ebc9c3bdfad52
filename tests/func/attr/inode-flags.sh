#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: append-only, immutable and noatime flags hold through the union as in overlayfs: enforced, shown by lsattr, set by chattr, kept in protattr across copy-up and remount
. "$STRATA_TESTS/lib/func.sh"

# flags PATH: lsattr's flag letters for PATH.
flags() {
	lsattr -d "$1" 2>/dev/null | cut -d' ' -f1
}
has_flag() {
	flags "$1" | grep -q "$2"
}
protattr() {
	getfattr --absolute-names --only-values -n trusted.overlay.protattr "$1" 2>/dev/null
}

mklayers 1
echo log >l1/appendonly
echo keep >l1/immutable
echo plain >l1/plain
mkdir l1/dir
chattr +a l1/appendonly 2>"$T/.err" || skip "no inode flags on $STRATA_BACKING: $(cat "$T/.err")"
chattr +i l1/immutable
rwunion m l1

# A lower file's flags are enforced and shown before any copy-up.
has_flag m/appendonly a || fail "lsattr does not show a lower append-only file's flag: $(flags m/appendonly)"
must_fail sh -c ': >m/appendonly'
must_fail rm -f m/immutable
must_fail sh -c 'echo more >>m/immutable'
check_eq "immutable file" "$(cat m/immutable)" keep
[ -e u/immutable ] && fail "a refused change to an immutable file copied it up"

# Appending copies up; the flag moves to protattr, not to the upper inode,
# and still holds.
must sh -c 'echo more >>m/appendonly'
check_eq "appended" "$(cat m/appendonly)" "log
more"
check_eq "protattr after copy-up" "$(protattr u/appendonly)" a
has_flag u/appendonly a && fail "the upper inode carries the append-only flag itself"
has_flag m/appendonly a || fail "the copy lost its append-only flag: $(flags m/appendonly)"
must_fail sh -c ': >m/appendonly'

# chattr through the union: immutable goes to protattr, noatime to the upper.
must chattr +i m/plain
check_eq "protattr" "$(protattr u/plain)" i
has_flag m/plain i || fail "lsattr misses a flag chattr set: $(flags m/plain)"
must_fail rm -f m/plain
must chattr +A m/dir
has_flag u/dir A || fail "noatime did not reach the upper directory: $(flags u/dir)"

# The flags outlive the mount: they are read back from protattr.
umount m
rwunion m l1
has_flag m/plain i || fail "immutable lost across a remount: $(flags m/plain)"
must_fail rm -f m/plain
must chattr -i m/plain
[ -n "$(protattr u/plain)" ] && fail "clearing the flags left protattr: $(protattr u/plain)"
must rm -f m/plain
chattr -a l1/appendonly
chattr -i l1/immutable
true
