#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The ways a container engine reaches a union in the container guest,
# sourced by its runners (tests/guest/containers.sh, containers-bench.sh)
# after tests/lib/guest.sh:
#
#   mount-program   containers/storage's overlay driver with
#                   mount_program = /sbin/mount.strata (podman, buildah)
#   drop-in         strata.ko loaded with drop_in=Y: the native overlay
#                   driver (and dockerd, containerd) mount Strata as "overlay"
#   overlay         the native driver on the kernel's own overlay
#   fuse-overlayfs  the same driver with fuse-overlayfs as the mount program
#
# Each way has its own storage (CONTAINERS_STORAGE_CONF).

# containers_guest_init: what a runner, as PID 1 on the root disk, sets up
# for the engines (/run, /dev/pts, /dev/shm, cgroup2), and the kernel
# command line's words for it; $ways, the ways to run (strata.ways=A,B;
# default all three).
containers_guest_init() {
	ways="mount-program drop-in overlay"
	mount -t tmpfs -o mode=0755 run /run
	mkdir -p /dev/pts /dev/shm
	mount -t devpts devpts /dev/pts
	mount -t tmpfs -o mode=1777 shm /dev/shm
	mount -t cgroup2 cgroup2 /sys/fs/cgroup
	hostname strata-containers
	for arg in $(cat /proc/cmdline); do
		case $arg in
		strata.only=*) export STRATA_ONLY=${arg#strata.only=} ;;
		strata.label=*) export STRATA_LABEL=${arg#strata.label=} ;;
		strata.full=1) export STRATA_CONTAINERS_FULL=1 ;;
		strata.ways=*) ways=$(echo "${arg#strata.ways=}" | tr , ' ') ;;
		esac
	done
}

# way_setup WAY: the module (or the kernel's overlay) for WAY, and its
# storage: the mount-program way uses the guest's own
# /etc/containers/storage.conf (scripts/container-image.sh), as a user's
# podman, buildah and skopeo would; the others a configuration of their own
# (CONTAINERS_STORAGE_CONF). $graphroot is the way's store.
way_setup() {
	program=
	case $1 in
	mount-program)
		modload strata /strata/modules/strata.ko || return 1
		unset CONTAINERS_STORAGE_CONF
		graphroot=/var/lib/containers/storage
		return 0 ;;
	drop-in) insmod /strata/modules/strata.ko drop_in=Y || {
		report FAIL "$mode" "$1" module/load "strata.ko loads with drop_in=Y"
		return 1
	} ;;
	# The oracle must be the kernel's overlay: a strata.ko left loaded in
	# drop-in mode holds the type's name, and the load fails.
	overlay) modprobe overlay 2>/tmp/modprobe.err || {
		report FAIL "$mode" "$1" module/load "the kernel's overlay loads" \
			"$(cat /tmp/modprobe.err; lsmod | grep -E '^(strata|overlay) ')"
		return 1
	} ;;
	fuse-overlayfs)
		modprobe fuse
		program=/usr/bin/fuse-overlayfs ;;
	esac
	graphroot=/var/lib/containers/$1
	storage_conf "/etc/containers/storage-$1.conf" "$graphroot" nodev $program
	export CONTAINERS_STORAGE_CONF=/etc/containers/storage-$1.conf
}

# storage_conf FILE GRAPHROOT MOUNTOPT [PROGRAM]: a storage.conf for the
# overlay driver with these mount options, and PROGRAM as its mount program.
storage_conf() {
	{
		echo '[storage]'
		echo 'driver = "overlay"'
		echo "graphroot = \"$2\""
		echo "runroot = \"/run/containers/${2##*/}\""
		echo '[storage.options.overlay]'
		echo "mountopt = \"$3\""
		[ -n "${4:-}" ] && echo "mount_program = \"$4\""
	} >"$1"
}

# answers CMD...: runs CMD each second until it succeeds (a daemon just
# started answers); 1 after two minutes.
answers() {
	_tries=0
	until "$@" >/dev/null 2>&1; do
		_tries=$((_tries + 1))
		[ $_tries -le 120 ] || return 1
		sleep 1
	done
}

# dockerd_start WAY LOG: a dockerd of WAY's own (overlay2 driver, no
# network setup, its own data root and socket $DOCKER_SOCK), output in LOG;
# returns once it answers, or 1 after two minutes. $DOCKERD_PID is its pid.
dockerd_start() {
	DOCKER_SOCK=/run/docker-$1.sock
	dockerd --storage-driver overlay2 --iptables=false --ip-masq=false --bridge=none \
		--data-root "/var/lib/docker-$1" --exec-root "/run/docker-$1" \
		--pidfile "/run/docker-$1.pid" -H "unix://$DOCKER_SOCK" >"$2" 2>&1 &
	DOCKERD_PID=$!
	answers docker -H "unix://$DOCKER_SOCK" version
}

# containerd_start WAY LOG: a containerd of WAY's own, alone (no dockerd;
# its root, state and socket $CONTAINERD_SOCK; the CRI plugin off, as the
# guest has no network for it), output in LOG; returns once it answers, or
# 1 after two minutes. $CONTAINERD_PID is its pid.
containerd_start() {
	dir=/run/containerd-$1
	mkdir -p "$dir"
	printf 'version = 2\ndisabled_plugins = ["io.containerd.grpc.v1.cri"]\n' >"$dir/config.toml"
	CONTAINERD_SOCK=$dir/containerd.sock
	containerd --config "$dir/config.toml" --root "/var/lib/containerd-$1" \
		--state "$dir/state" --address "$CONTAINERD_SOCK" >"$2" 2>&1 &
	CONTAINERD_PID=$!
	answers ctr --address "$CONTAINERD_SOCK" version
}

# way_teardown WAY: no container or mount of the way's left, and its
# module unloaded (the next way may need the type name "overlay"); that
# strata.ko unloads is a result of its own.
way_teardown() {
	{
		podman rm -af -t 0
		podman rmi -af
	} >/tmp/teardown.log 2>&1
	grep -E " $graphroot/" /proc/mounts | cut -d' ' -f2 |
		sort -r | xargs -r umount -l
	# containers/storage runs "modprobe overlay" whatever its driver uses.
	rmmod overlay 2>/dev/null
	case $1 in
	mount-program|drop-in) ;;
	*) return ;;
	esac
	desc="strata.ko unloads after the way's containers are gone"
	if rmmod strata 2>/tmp/rmmod.err; then
		report PASS "$mode" "$1" module/unload "$desc"
	else
		report FAIL "$mode" "$1" module/unload "$desc" \
			"$(cat /tmp/rmmod.err; grep -E 'strata|overlay' /proc/mounts)"
	fi
}

# compare_ways: after the last way, each Strata way's outputs kept by the
# tests (ctr_keep in tests/lib/containers.sh) against the overlay way's:
# one result a way, failing with the differences.
compare_ways() {
	ref=/var/tmp/strata-kept/overlay
	case " $ways " in
	*" overlay "*) ;;
	*) return 0 ;;	# no oracle asked for, no comparison
	esac
	for way in mount-program drop-in; do
		dir=/var/tmp/strata-kept/$way
		[ -d "$dir" ] || continue
		if [ ! -d "$ref" ]; then
			report SKIP "$mode" "$way" containers/same-as-overlay \
				"the outputs kept by the tests are the kernel's overlay's" \
				"the overlay way kept none (it did not run)"
			continue
		fi
		n=0 diffs=
		for f in "$ref"/*; do
			key=${f##*/}
			[ -f "$dir/$key" ] || continue
			n=$((n + 1))
			d=$(diff -u "$f" "$dir/$key" | head -n 30) || diffs="$diffs$key:
$d
"
		done
		desc="the outputs kept by the tests ($n: podman diff lines, trees inside containers, export and save listings without times) are the kernel's overlay's"
		if [ $n -eq 0 ]; then
			report SKIP "$mode" "$way" containers/same-as-overlay "$desc" \
				"no test kept an output on both ways (a subset ran)"
		elif [ -z "$diffs" ]; then
			report PASS "$mode" "$way" containers/same-as-overlay "$desc"
		else
			report FAIL "$mode" "$way" containers/same-as-overlay "$desc" "$diffs"
		fi
	done
}
