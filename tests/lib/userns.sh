#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the user-namespace tests (tests/func/userns) after func.sh:
# unions mounted by the unprivileged user "tester" (uid 1000) from inside
# a user namespace of its own, as rootless podman mounts them.

# The switch for such mounts: Strata's module parameter (the kernel's
# overlay has none; it always allows them).
USERNS_PARAM=/sys/module/strata/parameters/userns_mounts

# userns_allow: such mounts allowed for this test, and the switch put back
# as it was when the test ends, whatever happens.
userns_allow() {
	[ "$FSTYPE" = strata ] || return 0
	[ -w "$USERNS_PARAM" ] || fail "no writable $USERNS_PARAM"
	userns_was=$(cat "$USERNS_PARAM")
	trap 'echo "$userns_was" >"$USERNS_PARAM"' EXIT
	trap 'exit 143' TERM INT
	echo Y >"$USERNS_PARAM"
}

# userns_layers: $B, a directory whose filesystem takes user.* xattrs
# (the upper of a user-namespace mount needs them; 6.1's tmpfs has none):
# $T, or a fresh ext4 inside it. In it: the lower l1, root's and
# world-readable as an image store is, and the upper u, workdir w and
# mount point m, the user's.
userns_layers() {
	B=$T
	if ! setfattr -n user.strata.probe -v 1 "$T" 2>/dev/null; then
		need_ext4 userns.img e
		B=$T/e
		chmod 0755 "$B"
	fi
	setfattr -x user.strata.probe "$T" 2>/dev/null
	mkdir -p "$B/l1" "$B/u" "$B/w" "$B/m"
	chmod 0755 "$B/l1"
	chown 1000:1000 "$B/u" "$B/w" "$B/m"
}

# A PID namespace for in_userns, where the kernel has them (the debug
# kernel is built without).
userns_pid_ns=
/usr/bin/unshare --pid --fork true 2>/dev/null && userns_pid_ns="--pid --fork --kill-child"

# The namespace's id map: by default its 0 is 1000 outside and no other id
# is mapped (unshare -r); userns_subids adds tester's subordinate range.
USERNS_MAP=-r

# userns_subids: in_userns maps ids 1..65536 to tester's subordinate ids
# 100000..165535 too (through newuidmap and newgidmap, /etc/subuid and
# /etc/subgid), as rootless podman maps a container.
userns_subids() {
	USERNS_MAP="-r --map-users=100000,1,65536 --map-groups=100000,1,65536"
}

# in_userns SCRIPT: runs SCRIPT with sh in $B as uid 1000, root of a new
# user and mount namespace mapped by USERNS_MAP. Its output is kept in $T/.out, its stderr in
# $T/.err; returns its status. A minute at most: what hangs fails alone,
# and takes every process it started with it where a PID namespace can
# hold them (its first process dies with unshare), so that no mount
# outlives the test.
in_userns() {
	# shellcheck disable=SC2086
	timeout -s KILL 60 $AS_USER /usr/bin/unshare -Um $USERNS_MAP $userns_pid_ns sh -c ". $STRATA_TESTS/lib/tools.sh; cd $B && $1" \
		>"$T/.out" 2>"$T/.err"
}

# The options of the user's union of $USERNS_LOWER (l1 by default) under
# u, as rootless engines give.
userns_opts() {
	echo "lowerdir=${USERNS_LOWER:-$B/l1},upperdir=$B/u,workdir=$B/w,userxattr"
}

# userns_mount_cmd: the command that mounts that union at $B/m.
userns_mount_cmd() {
	echo "mount -t $FSTYPE -o $(userns_opts) none $B/m"
}

# userns_run SCRIPT: in_userns, with the union mounted first; fails the
# test if the mount fails.
userns_run() {
	in_userns "$(userns_mount_cmd) || { echo MOUNT-FAILED >&2; exit 99; }; $1"
	rc=$?
	grep -q MOUNT-FAILED "$T/.err" && fail "user-namespace mount: $(cat "$T/.err")"
	return $rc
}

# no_trusted_overlay DIR: nothing under DIR carries trusted.overlay.*: a
# user-namespace mount keeps its metadata in user.overlay.* only.
no_trusted_overlay() {
	found=$(getfattr -R -d -m '^trusted\.overlay\.' --absolute-names "$1" 2>/dev/null |
		grep '^trusted')
	[ -z "$found" ] || fail "trusted.overlay.* in the upper: $found"
}

# userns_difftest SEED STOCK DEBUG: difftest_run (tests/lib/func.sh) with
# strata-difftest as the root of a user namespace of uid 1000's: layers
# owned by it, marks in user.overlay.*, both unions mounted with userxattr.
userns_difftest() {
	DIFFTEST_AS="as_user unshare -Urm" DIFFTEST_OWNER=1000
	difftest_run "$@" --userns
}
