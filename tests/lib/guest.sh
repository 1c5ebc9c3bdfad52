#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest-side runner functions, sourced by tests/guest/main.sh.
#
# A result is one line on $STRATA_RESULTS:
#   RESULT <PASS|FAIL|SKIP> <kernel> <fstype> <area/name> <seconds> <description>
# followed, for FAIL and SKIP, by "| "-prefixed lines of detail. "END <kernel>"
# marks a guest that got to the end of its plan.

STRATA_TESTS=/strata/tests
. "$STRATA_TESTS/lib/tools.sh"
: "${STRATA_RESULTS:=/dev/stdout}"

# The kernel field is the boot's label where the host gave one
# (strata.label=stock-6.12): two stock kernels run the same plan.
report() {
	status=$1
	if [ "$status" = END ]; then
		echo "END ${STRATA_LABEL:-$2}" >>"$STRATA_RESULTS"
		return
	fi
	echo "RESULT $1 ${STRATA_LABEL:-$2} $3 $4 ${secs:-0} $5" >>"$STRATA_RESULTS"
	[ -n "${6:-}" ] && printf '%s\n' "$6" | sed 's/^/| /' >>"$STRATA_RESULTS"
	echo "strata-guest: $1 $3 $4"
}

modload() {
	if ! insmod "$2"; then
		echo "strata-guest: insmod $2 failed"
		report FAIL "$mode" "$1" module/load "$1.ko loads" "insmod $2 failed"
		return 1
	fi
}

# A test's header: "# desc: ..." and optionally "# fstypes: strata".
test_field() {
	sed -n "s/^# $1: //p" "$2" | head -n 1
}

# matches_any NAME GLOBS: whether NAME matches one of the comma-separated
# GLOBS.
matches_any() {
	old_ifs=$IFS
	IFS=,
	set -f	# split the list only: "*" is a pattern here, not files
	for glob in $2; do
		# shellcheck disable=SC2254
		case $1 in $glob) IFS=$old_ifs; set +f; return 0 ;; esac
	done
	IFS=$old_ifs
	set +f
	return 1
}

# Whether NAME matches one of STRATA_ONLY's comma-separated globs (all
# names do without STRATA_ONLY).
only_matches() {
	[ -z "${STRATA_ONLY:-}" ] && return 0
	matches_any "$1" "$STRATA_ONLY"
}

# The tests a run on another backing filesystem leaves out unless asked for
# everything (strata.backing_full=1, make check-full): option parsing, the
# command line tool and the module's own checks do not touch the layers'
# filesystem, the memory measurements measure strata's caches, not the
# layers, and the long stress and scale tests would not fit make check's
# time. The random differential runs and the idmapped-layer tests make
# their own ext4 scratch.
backing_skips="mount/*,cli/*,fuzz/*,module/*,stress/*,readdir/huge-*,difftest/random"
backing_skips="$backing_skips,difftest/hardlinks"
backing_skips="$backing_skips,readdir/streamed-memory,readdir/listing-reclaim"
backing_skips="$backing_skips,userns/difftest,userns/stress,idmap/*"
# The tests the debug kernels leave out of make check (all run with
# strata.debug_full=1, make check-full): the 100 000-entry listing spends
# minutes under KASAN creating files, on code the stock kernels run at that
# scale and the debug kernel runs in every smaller listing; the random
# differential runs compare semantics, which the stock kernels compare
# with many more sequences, and the CLI tests exercise userspace.
debug_skips="readdir/huge-*,difftest/random,difftest/hardlinks,userns/difftest,cli/*"
debug_skipped() {
	[ "$mode" = debug ] && [ -z "${STRATA_DEBUG_FULL:-}" ] &&
		matches_any "$1" "$debug_skips"
}

backing_skipped() {
	[ -n "${STRATA_BACKING:-}" ] && [ -z "${STRATA_BACKING_FULL:-}" ] &&
		matches_any "$1" "$backing_skips" && return 0
	[ "${STRATA_BACKING:-}" = nfs ] && ! matches_any "$1" "$nfs_group"
}

# The NFS tier's read group: the tests that read lowers (listings, lookups,
# file data) and copy them up. The rest write only the local upper, or put
# on a lower what NFS cannot carry (trusted.* xattrs, checked by opaque()
# in tests/lib/func.sh).
nfs_group="readdir/*,lookup/*,io/*,copyup/*"

# A test's scratch directory $T, where its layers go: a fresh tmpfs, or with
# STRATA_BACKING a fresh directory on that filesystem (see backing_mount),
# bound onto itself so that one "umount -R" takes down whatever the test
# left mounted inside.
scratch_make() {
	STRATA_LOWER_VIEW=
	if [ "${STRATA_BACKING:-}" = nfs ]; then
		# Written locally, read back through NFS (see nfs_mount).
		T=$(mktemp -d /nfs-export/t.XXXXXX)
		mount --bind "$T" "$T"
		STRATA_LOWER_VIEW=/backing/${T#/nfs-export/}
	elif [ -n "${STRATA_BACKING:-}" ]; then
		T=$(mktemp -d /backing/t.XXXXXX)
		mount --bind "$T" "$T"
	else
		T=$(mktemp -d /tmp/t.XXXXXX)
		mount -t tmpfs -o mode=0755 scratch "$T"
	fi
	chmod 0755 "$T"
}

scratch_remove() {
	umount -R "$T" 2>/dev/null || umount -l "$T"
	if [ -n "${STRATA_BACKING:-}" ]; then
		chattr -R -i -a "$T" 2>/dev/null
		rm -rf "$T"
	else
		rmdir "$T"
	fi
}

# A test's time limit in seconds: a functional test that runs longer hangs;
# a soak run is long by design (STRATA_SOAK_SECS, plus room to finish).
test_timeout() {
	if [ "$1" = soak ]; then
		echo $((${STRATA_SOAK_SECS:-1800} + 600))
	else
		echo 300
	fi
}

# Runs one test script in its own scratch directory; exit 0 pass, 77 skip,
# else fail.
run_one() {
	fstype=$1 script=$2
	area=$(basename "$(dirname "$script")")
	name=$area/$(basename "$script" .sh)
	desc=$(test_field desc "$script")
	only=$(test_field fstypes "$script")
	if [ -n "$only" ] && ! echo " $only " | grep -q " $fstype "; then
		return 0	# not applicable to this fstype: not run, not counted
	fi
	# A developer's subset (STRATA_ONLY=GLOB[,GLOB...] make check), e.g.
	# "write/*,mount/incompat-*".
	only_matches "$name" || return 0
	backing_skipped "$name" && return 0
	debug_skipped "$name" && return 0

	t0=$(date +%s)
	scratch_make
	# Into a file, not a pipe: a process the test left behind when its
	# time ran out (busybox's timeout kills the script alone) must not
	# hold the suite up.
	(cd "$T" && FSTYPE=$fstype T=$T STRATA_TESTS=$STRATA_TESTS STRATA_MODE=$mode \
		STRATA_BACKING=${STRATA_BACKING:-tmpfs} STRATA_LOWER_VIEW=$STRATA_LOWER_VIEW \
		timeout "$(test_timeout "$area")" sh "$script" >/tmp/test-output 2>&1)
	rc=$?
	out=$(cat /tmp/test-output)
	scratch_remove
	secs=$(($(date +%s) - t0))
	# Results on another backing filesystem carry its name: strata@xfs.
	[ -n "${STRATA_BACKING:-}" ] && fstype=$fstype@$STRATA_BACKING

	case $rc in
	0 ) if [ "$area" = soak ]; then	# what it measured
		report PASS "$mode" "$fstype" "$name" "$desc" "$out"
	else
		report PASS "$mode" "$fstype" "$name" "$desc"
	fi ;;
	77) report SKIP "$mode" "$fstype" "$name" "$desc" "$out" ;;
	*) report FAIL "$mode" "$fstype" "$name" "$desc" "exit $rc
$out" ;;
	esac
	secs=
}

run_suite() {
	for script in "$STRATA_TESTS"/func/*/*.sh; do
		run_one "$1" "$script"
	done
}

# nfs_mount: the NFS tier's layers. A tmpfs at /nfs-export, exported by the
# kernel's NFS server (NFSv4.2 only, on loopback), is mounted back through
# the NFS client at /backing. Tests write their layers on the server's side
# and mount the lowers through the client (STRATA_LOWER_VIEW, see
# lowerdir_of in tests/lib/func.sh), as an image store shared over NFS
# reaches its users; uppers stay local. The client revalidates every lookup
# and attribute, so that a layer the test changes before mounting is seen.
nfs_mount() {
	ip link set lo up &&
	modprobe nfsd && modprobe nfsv4 &&
	mkdir -p /proc/fs/nfsd /var/lib/nfs/v4recovery /nfs-export /backing &&
	mount -t nfsd nfsd /proc/fs/nfsd &&
	mount -t tmpfs -o mode=0755 nfs-export /nfs-export &&
	echo "/nfs-export 127.0.0.1(rw,fsid=0,no_root_squash,no_subtree_check,insecure,sync)" \
		>/etc/exports &&
	exportfs -ra &&
	rpc.mountd --no-nfs-version 3 --no-udp &&
	# The shortest lease and grace periods: a fresh server refuses opens
	# for the grace period.
	rpc.nfsd --no-nfs-version 3 --no-udp \
		--lease-time 10 --grace-time 10 4 &&
	mount -t nfs4 -o vers=4.2,actimeo=0,lookupcache=none 127.0.0.1:/ /backing
}

nfs_umount() {
	umount /backing
	rpc.nfsd 0
	exportfs -ua
	killall rpc.mountd 2>/dev/null
	umount /nfs-export
	umount /proc/fs/nfsd
}

# backing_mount FS: a fresh FS (ext4, xfs or btrfs) on a loop device over a
# sparse file, mounted at /backing, for run_suite's tests to put their
# layers on; for nfs, see nfs_mount. The image lives in the guest's memory:
# tests stay small.
backing_mount() {
	[ "$1" = nfs ] && { nfs_mount >/tmp/mkfs.log 2>&1; return; }
	img=/tmp/backing-$1.img
	mkdir -p /backing
	modprobe "$1" 2>/dev/null	# a module on the stock kernels
	rm -f "$img"
	truncate -s 2G "$img"
	case $1 in
	ext4) mkfs.ext4 -q -F "$img" ;;	# e2fsprogs; busybox has a mke2fs too
	xfs) mkfs.xfs -q -f "$img" ;;
	btrfs) mkfs.btrfs -q -f "$img" ;;
	*) echo "unknown backing filesystem $1"; return 1 ;;
	esac >/tmp/mkfs.log 2>&1 && mount -o loop "$img" /backing 2>>/tmp/mkfs.log
}

backing_umount() {
	[ "$1" = nfs ] && { nfs_umount; return; }
	umount /backing
	rm -f "/tmp/backing-$1.img"
}

# run_backing FS FSTYPE...: the suite for each FSTYPE with every test's
# layers on FS; a filesystem that cannot be made is one failure.
run_backing() {
	fs=$1
	shift
	if ! backing_mount "$fs"; then
		report FAIL "$mode" "strata@$fs" backing/mount "a $fs filesystem for the layers" \
			"$(cat /tmp/mkfs.log)"
		return
	fi
	STRATA_BACKING=$fs
	for suite_fstype in "$@"; do
		run_suite "$suite_fstype"
	done
	unset STRATA_BACKING
	backing_umount "$fs"
}

leak_baseline() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
}

# kmemleak reports an object only after it has been unreferenced for 5 s.
leak_check() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
	if [ -z "$leaks" ]; then
		report PASS "$mode" strata kmemleak/after-unload "kmemleak finds no leak after the suite and rmmod"
	else
		report FAIL "$mode" strata kmemleak/after-unload "kmemleak finds no leak after the suite and rmmod" "$leaks"
	fi
}
