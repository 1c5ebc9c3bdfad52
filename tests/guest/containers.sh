#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 of the container guest, on the root disk (tests/guest/containers-root.sh
# got it there). Runs the container tests (tests/containers/*.sh) once for
# each way an engine reaches Strata, and once on the kernel's overlay as
# the oracle; the way is the test's $FSTYPE:
#
#   mount-program  containers/storage's overlay driver with
#                  mount_program = /sbin/mount.strata (podman, buildah)
#   drop-in        strata.ko loaded with drop_in=Y: the native overlay
#                  driver (and dockerd, containerd) mount Strata as "overlay"
#   overlay        the native driver on the kernel's own overlay
#
# Each way has its own storage (CONTAINERS_STORAGE_CONF); results go to
# ttyS1 as in the other guests (tests/lib/guest.sh).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t tmpfs -o mode=0755 run /run
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -o remount,rw / 2>/dev/null
hostname strata-containers
for arg in $(cat /proc/cmdline); do
	case $arg in
	strata.only=*) export STRATA_ONLY=${arg#strata.only=} ;;
	strata.label=*) export STRATA_LABEL=${arg#strata.label=} ;;
	strata.full=1) export STRATA_CONTAINERS_FULL=1 ;;
	esac
done
export STRATA_RESULTS=/dev/ttyS1
mode=containers
. /strata/tests/lib/guest.sh

# way_setup WAY: the module (or the kernel's overlay) for WAY, and its
# storage configuration.
way_setup() {
	conf=/etc/containers/storage-$1.conf
	case $1 in
	mount-program) modload strata /strata/modules/strata.ko ;;
	drop-in) insmod /strata/modules/strata.ko drop_in=Y || {
		report FAIL "$mode" "$1" module/load "strata.ko loads with drop_in=Y"
		return 1
	} ;;
	overlay) modprobe overlay ;;
	esac
	{
		echo '[storage]'
		echo 'driver = "overlay"'
		echo "graphroot = \"/var/lib/containers/$1\""
		echo "runroot = \"/run/containers/$1\""
		echo '[storage.options.overlay]'
		echo 'mountopt = "nodev"'
		[ "$1" = mount-program ] && echo 'mount_program = "/sbin/mount.strata"'
	} >"$conf"
	export CONTAINERS_STORAGE_CONF=$conf
}

# way_teardown WAY: no container or mount of the way's left, and its
# module unloaded (the next way may need the type name "overlay").
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
	overlay) ;;
	*) rmmod strata || report FAIL "$mode" "$1" module/unload \
		"strata.ko unloads after the way's containers are gone" \
		"$(grep -E 'strata|overlay' /proc/mounts)" ;;
	esac
}

# The tests make check leaves to make check-containers (strata.full=1):
# twenty containers at once and a 100-layer image take a minute a way.
containers_skips="containers/many,containers/many-layers"

for way in mount-program drop-in overlay; do
	way_setup "$way" || continue
	for script in /strata/tests/containers/*.sh; do
		name=containers/$(basename "$script" .sh)
		[ -z "${STRATA_CONTAINERS_FULL:-}" ] &&
			matches_any "$name" "$containers_skips" && continue
		run_one "$way" "$script"
	done
	way_teardown "$way"
done
report END "$mode"
echo "strata-guest: done (mode $mode)"
sync
/bin/busybox reboot -f
