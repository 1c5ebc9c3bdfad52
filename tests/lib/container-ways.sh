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
# command line's words for it.
containers_guest_init() {
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
		esac
	done
}

# way_setup WAY: the module (or the kernel's overlay) for WAY, and its
# storage configuration.
way_setup() {
	conf=/etc/containers/storage-$1.conf
	program=
	case $1 in
	mount-program)
		modload strata /strata/modules/strata.ko || return 1
		program=/sbin/mount.strata ;;
	drop-in) insmod /strata/modules/strata.ko drop_in=Y || {
		report FAIL "$mode" "$1" module/load "strata.ko loads with drop_in=Y"
		return 1
	} ;;
	overlay) modprobe overlay ;;
	fuse-overlayfs)
		modprobe fuse
		program=/usr/bin/fuse-overlayfs ;;
	esac
	{
		echo '[storage]'
		echo 'driver = "overlay"'
		echo "graphroot = \"/var/lib/containers/$1\""
		echo "runroot = \"/run/containers/$1\""
		echo '[storage.options.overlay]'
		echo 'mountopt = "nodev"'
		[ -n "$program" ] && echo "mount_program = \"$program\""
	} >"$conf"
	export CONTAINERS_STORAGE_CONF=$conf
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
	i=0
	until docker -H "unix://$DOCKER_SOCK" version >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -le 120 ] || return 1
		sleep 1
	done
}

# way_teardown WAY: no container or mount of the way's left, and its
# module unloaded (the next way may need the type name "overlay"); that
# strata.ko unloads is a result of its own.
way_teardown() {
	{
		podman rm -af -t 0
		podman rmi -af
	} >/tmp/teardown.log 2>&1
	grep -E " /var/lib/containers/$1/" /proc/mounts | cut -d' ' -f2 |
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
