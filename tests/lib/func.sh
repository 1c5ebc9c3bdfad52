#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by every functional test. A test runs in its own tmpfs, $T, with
# $FSTYPE set to "strata" or to "overlay" (the oracle) and $STRATA_MODE to
# the kernel (stock or debug); it exits 0 to pass,
# 77 to skip (printing why), anything else to fail (printing what it saw).
set -u
. "$STRATA_TESTS/lib/tools.sh"
cd "$T" || exit 1

fail() {
	echo "FAIL: $*"
	exit 1
}

skip() {
	echo "skipped: $*"
	exit 77
}

# check_eq WHAT ACTUAL EXPECTED
check_eq() {
	[ "$2" = "$3" ] || fail "$1: got [$2], expected [$3]"
}

# Runs a command that must fail; its stderr is kept in $T/.err.
must_fail() {
	if "$@" 2>"$T/.err"; then
		fail "succeeded but should have failed: $*"
	fi
}

# expect_reason PATTERN: the last refusal explained itself, through the mount
# helper's stderr (kept in $T/.err) or the kernel log (for mount(2) callers).
expect_reason() {
	grep -Eqi "$1" "$T/.err" && return 0
	dmesg | tail -n 5 | grep -Eqi "$1" && return 0
	fail "no reason matching /$1/: stderr: $(cat "$T/.err"); dmesg: $(dmesg | tail -n 3)"
}

# kernel_at_least MAJOR MINOR: whether the guest's kernel is that or newer.
# For the oracle only: where overlayfs changed between 6.1 and 6.12, the
# test says what each overlay does, and Strata does the same on both.
kernel_at_least() {
	set -- "$1" "$2" "$(uname -r | cut -d. -f1)" "$(uname -r | cut -d. -f2 | sed 's/[^0-9].*//')"
	[ "$3" -gt "$1" ] || { [ "$3" -eq "$1" ] && [ "$4" -ge "$2" ]; }
}

# Whether this run's filesystem is the kernel's overlay from MAJOR.MINOR on.
overlay_since() {
	[ "$FSTYPE" = overlay ] && kernel_at_least "$1" "$2"
}

# Runs a command that must succeed.
must() {
	"$@" 2>"$T/.err" || fail "failed: $* ($(cat "$T/.err"))"
}

# Makes lower layer directories l1 (top) .. lN under $T.
mklayers() {
	i=1
	while [ "$i" -le "$1" ]; do
		mkdir -p "$T/l$i"
		i=$((i + 1))
	done
}

# lower_path LAYER: where a mount reaches the lower layer LAYER ($T-relative
# or under $T): the layer itself, or in the NFS tier the same directory
# through the NFS client (STRATA_LOWER_VIEW, see tests/lib/guest.sh).
lower_path() {
	if [ -z "${STRATA_LOWER_VIEW:-}" ]; then
		echo "$1"
		return
	fi
	case $1 in
	"$T"/*) echo "$STRATA_LOWER_VIEW/${1#"$T"/}" ;;
	/*) echo "$1" ;;
	*) echo "$STRATA_LOWER_VIEW/$1" ;;
	esac
}

# lowerdir_of LAYER...: the lowerdir= value for the layers, first on top.
lowerdir_of() {
	lower=$(lower_path "$1")
	shift
	for l in "$@"; do
		lower=$lower:$(lower_path "$l")
	done
	echo "$lower"
}

# union MNT LAYER... : mounts the layers, first on top, read-only union.
union() {
	mnt=$1
	shift
	lower=$(lowerdir_of "$@")
	mkdir -p "$mnt"
	mount -t "$FSTYPE" -o "lowerdir=$lower" none "$mnt" 2>"$T/.err" ||
		fail "mount -t $FSTYPE lowerdir=$lower: $(cat "$T/.err")"
}

# rwunion MNT LAYER...: a writable union of the layers (first on top) with
# upper $T/u and workdir $T/w, and the options in $UNION_OPTS if set.
rwunion() {
	mnt=$1
	shift
	lower=$(lowerdir_of "$@")
	mkdir -p "$mnt" "$T/u" "$T/w"
	mount -t "$FSTYPE" -o "lowerdir=$lower,upperdir=$T/u,workdir=$T/w${UNION_OPTS:+,$UNION_OPTS}" \
		none "$mnt" 2>"$T/.err" ||
		fail "mount -t $FSTYPE lowerdir=$lower,upperdir=u${UNION_OPTS:+,$UNION_OPTS}: $(cat "$T/.err")"
}

# index_entries WORKDIR: the names in WORKDIR/index, one a line, without
# the "#" names overlayfs keeps there (its staged copies and its shared
# whiteout: with index=on its work directory is the index).
index_entries() {
	ls -A "$1/index" | grep -v '^#'
}

# upper_tree DIR: every path of an upper layer with its type, whiteouts and
# opaque marks shown as such, one a line, sorted: what overlayfs would write.
upper_tree() {
	(cd "$1" && find . | sort | while read -r p; do
		t=$(stat -c %F "$p" | tr ' ' _)
		[ "$t" = character_special_file ] &&
			[ "$(stat -c %t:%T "$p")" = 0:0 ] && t=whiteout
		o=$(getfattr --absolute-names --only-values -n trusted.overlay.opaque "$p" 2>/dev/null)
		echo "$p $t${o:+ opaque=$o}"
	done)
}

# work_clean: strata left nothing in its staging area (overlay keeps a
# spare whiteout there, so this checks strata only).
work_clean() {
	[ "$FSTYPE" = strata ] || return 0
	left=$(ls -A "$T/w/work" 2>&1)
	[ -z "$left" ] || fail "left in the workdir: $left"
}

# whiteout PATH: overlayfs's whiteout, a 0/0 character device.
whiteout() {
	mknod "$1" c 0 0
}

# need_lower_xattrs WHAT: the test needs WHAT, trusted.* xattrs on a lower
# layer, to reach the mount; NFS (the NFS tier) carries none.
need_lower_xattrs() {
	[ -z "${STRATA_LOWER_VIEW:-}" ] ||
		skip "NFS carries no trusted.* xattrs: $1 on a lower layer cannot reach the mount"
}

# opaque DIR: marks a directory opaque (on a lower layer: need_lower_xattrs).
opaque() {
	case $1 in
	u/* | "$T"/u/*) ;;
	*) need_lower_xattrs "an opaque mark" ;;
	esac
	setfattr -n trusted.overlay.opaque -v y "$1"
}

# listing DIR: its names, one a line, sorted, without . and ..
listing() {
	ls -A1 "$1" | sort
}

# need_fs TYPE IMAGE DIR [SIZE]: a fresh filesystem of TYPE (ext4, xfs,
# btrfs) of SIZE (64M by default; xfs and btrfs want 300M or more) on a
# loop device, mounted at $T/DIR.
need_fs() {
	command -v "mkfs.$1" >/dev/null || skip "no mkfs.$1 in the guest"
	modprobe "$1" 2>/dev/null	# a module on the stock kernels
	grep -qw "$1" /proc/filesystems || skip "the kernel has no $1"
	truncate -s "${4:-64M}" "$T/$2"
	force=-f
	[ "$1" = ext4 ] && force=-F
	"mkfs.$1" -q "$force" "$T/$2" >"$T/.err" 2>&1 || fail "mkfs.$1: $(cat "$T/.err")"
	mkdir -p "$T/$3"
	mount -o loop "$T/$2" "$T/$3" 2>"$T/.err" || fail "mount $1: $(cat "$T/.err")"
}

# need_ext4 IMAGE DIR [SIZE]: a fresh ext4 (user xattrs, unlike 6.1's
# tmpfs): need_fs ext4.
need_ext4() {
	need_fs ext4 "$1" "$2" "${3:-64M}"
}

# need_memcg: a fresh memory cgroup for this test, its path in $CG (cgroup
# v2, mounted on /sys/fs/cgroup if it is not yet). The test's own processes
# stay outside it; rmdir "$CG" at the end.
need_memcg() {
	cgroot=/sys/fs/cgroup
	awk '$1 == "memory" && $4 == 1 { found = 1 } END { exit !found }' \
		/proc/cgroups 2>/dev/null || skip "the kernel has no memory cgroup"
	[ -f "$cgroot/cgroup.controllers" ] ||
		mount -t cgroup2 none "$cgroot" 2>"$T/.err" ||
		skip "cannot mount cgroup2: $(cat "$T/.err")"
	grep -qw memory "$cgroot/cgroup.controllers" ||
		skip "the memory controller is bound to cgroup v1"
	echo +memory >"$cgroot/cgroup.subtree_control" ||
		fail "cannot enable the memory controller"
	CG=$cgroot/strata-test-$$
	mkdir "$CG" || fail "cannot make the cgroup $CG"
}

# snapshot DIR: every path under DIR with its type, mode, owner, size,
# content hash and link target, one a line, sorted: two views of the same
# layers compare with diff.
snapshot() {
	(cd "$1" && find . | sort | while read -r p; do
		printf '%s %s' "$p" "$(stat -c '%F %a %u:%g' "$p")"
		[ -f "$p" ] && printf ' %s %s' "$(stat -c %s "$p")" "$(md5sum <"$p")"
		[ -L "$p" ] && printf ' -> %s' "$(readlink "$p")"
		echo
	done)
}

# Runs a command as the unprivileged user "tester" (uid 1000).
# AS_USER is the same as a command line, for programs (timeout) that run it.
AS_USER="/usr/bin/setpriv --reuid=1000 --regid=1000 --clear-groups"
as_user() {
	$AS_USER "$@"
}

# stress_secs STOCK DEBUG: how long a stress test runs: STOCK seconds on the
# stock kernels; on the debug kernel, where KASAN and lockdep watch every
# step, DEBUG seconds in make check-full and half of it in make check.
stress_secs() {
	if [ "${STRATA_MODE:-}" != debug ]; then
		echo "$1"
	elif [ -n "${STRATA_DEBUG_FULL:-}" ]; then
		echo "$2"
	else
		echo $(($2 / 2))
	fi
}

# repeat_until END BODY: evaluates BODY (with $i counting up from 1) until
# the time END (seconds since the epoch), ignoring its failures: the body
# of a stress worker, started in the background.
repeat_until() {
	i=0
	while [ "$(date +%s)" -lt "$1" ]; do
		i=$((i + 1))
		eval "$2" >/dev/null 2>&1
	done
}

# difftest_run SEED STOCK DEBUG [ARG...]: strata-difftest against the
# overlay oracle, STOCK sequences of 40 ops from SEED (DEBUG under KASAN and
# lockdep, where the same work takes several times longer), on a fresh ext4
# scratch so that user.* xattrs are part of the layers and the ops. Fails
# with every shrunk case it found.
difftest_run() {
	seed=$1 sequences=$2
	[ "$STRATA_MODE" = debug ] && sequences=$3
	shift 3
	need_ext4 scratch.img scratch 512M
	mkdir -p "$T/found"
	# DIFFTEST_AS, DIFFTEST_OWNER: who runs it, and owns its directories
	# (userns_difftest in tests/lib/userns.sh).
	if [ -n "${DIFFTEST_OWNER:-}" ]; then
		chown "$DIFFTEST_OWNER" "$T/scratch" "$T/found"
	fi
	${DIFFTEST_AS:-} strata-difftest run --seed "$seed" --sequences "$sequences" --ops 40 "$@" \
		--scratch "$T/scratch" --save-dir "$T/found" >"$T/out" 2>&1
	rc=$?
	grep '^difftest:' "$T/out"
	if [ $rc -ne 0 ]; then
		for c in "$T"/found/*; do
			[ -f "$c" ] && { echo "--- $c"; cat "$c"; }
		done
		fail "exit $rc: $(grep -v '^seed' "$T/out" | tail -n 40)"
	fi
	umount "$T/scratch"
}
