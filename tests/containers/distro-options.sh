#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: the overlay mount options distributions' storage.conf set (Debian and Ubuntu: nodev; Fedora and RHEL: nodev,metacopy=on), each in a fresh store: podman runs a container, its union is nodev, and a chmod-only change of an image file is a full copy on Strata (metacopy=on never reaches it: containers/storage strips it for a mount program, and leaves it out when its test mount is refused) where the kernel's overlay makes a metadata-only copy with metacopy=on
. "$STRATA_TESTS/lib/containers.sh"

program=
[ "$FSTYPE" = mount-program ] && program=/sbin/mount.strata
# The test's stores are its own; nothing of them may outlive it.
cleanup() {
	for conf in "$T"/*.conf; do
		CONTAINERS_STORAGE_CONF=$conf podman rm -af -t 0
		CONTAINERS_STORAGE_CONF=$conf podman rmi -af
	done >/dev/null 2>&1
}
trap cleanup EXIT
for distro in debian:nodev fedora:nodev,metacopy=on; do
	name=${distro%%:*} opts=${distro#*:}
	storage_conf "$T/$name.conf" "/var/lib/containers/$FSTYPE-$name" "$opts" $program
	export CONTAINERS_STORAGE_CONF=$T/$name.conf
	ctr_image base
	podman run -d --name "o-$name" base sleep 600 >/dev/null 2>"$T/.err" ||
		fail "$name ($opts): podman run: $(cat "$T/.err")"
	must podman exec "o-$name" sh -c 'chmod 0600 /etc/base-release; echo w >/root/w'
	set -- $(podman inspect --format '{{.GraphDriver.Data.MergedDir}} {{.GraphDriver.Data.UpperDir}}' "o-$name")
	merged=$1 upper=$2
	mopts=$(awk -v m="$merged" '$2 == m { print $4 }' /proc/mounts)
	case ,$mopts, in
	*,nodev,*) ;;
	*) fail "$name ($opts): the union is not nodev: $mopts" ;;
	esac
	check_eq "$name: the write" "$(cat "$upper/root/w")" w
	meta=$(getfattr --absolute-names -n trusted.overlay.metacopy "$upper/etc/base-release" 2>/dev/null | grep -c metacopy)
	case $FSTYPE:$name in
	overlay:fedora) want="-rw------- 1" ;;	# metadata only: the data stays below
	*) want="-rw------- 0" ;;
	esac
	got="$(stat -c %A "$upper/etc/base-release") $meta"
	[ "$got" = "$want" ] || fail "$name: the chmod-only copy: got [$got], expected [$want]; the union's options: $mopts; the copy's xattrs: $(getfattr --absolute-names -d -m - "$upper/etc/base-release" 2>&1)"
	if [ "$want" = "-rw------- 0" ]; then
		check_eq "$name: its data, copied" "$(cat "$upper/etc/base-release")" "base image"
	fi
done
