#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the container tests (tests/containers), run by
# tests/guest/containers.sh in the container guest with $FSTYPE the way
# the engine reaches the union (mount-program, drop-in or overlay) and its
# storage configuration in $CONTAINERS_STORAGE_CONF.
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/container-ways.sh"

# ctr_image NAME: the base image (busybox, scripts/container-image.sh)
# imported as NAME unless the way's storage has it already.
ctr_image() {
	podman image exists "$1" 2>/dev/null && return 0
	podman import /strata-images/base.tar "$1" >/dev/null 2>"$T/.err" ||
		fail "podman import: $(cat "$T/.err")"
}

# Where tests keep the outputs the runner holds against the overlay way's.
CTR_KEPT=/var/tmp/strata-kept

# ctr_keep KEY: stdin kept as this test's KEY output on this way. After the
# last way the runner compares each Strata way's kept outputs with the
# overlay way's, whole (compare_ways in tests/lib/container-ways.sh), where
# the test itself checks only the entries it made.
ctr_keep() {
	mkdir -p "$CTR_KEPT/$FSTYPE"
	cat >"$CTR_KEPT/$FSTYPE/$(basename "$0" .sh).$1"
}

# ctr_tree: the command a container runs to list its whole tree, an entry a
# line: name, mode, owner and, for a non-directory, size and link count (a
# directory's size and link count depend on how its layers store it, which
# differs between the ways: README). What the engine mounts over the image
# is left out.
ctr_tree='find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /etc/hosts -o -path /etc/hostname -o -path /etc/resolv.conf \) -prune -o -type d -exec stat -c "%n %A %u:%g" {} + -o -exec stat -c "%n %A %u:%g %s %h" {} + | sort'

# tar_list TARBALL: its listing (tar -tv) without times, sorted.
tar_list() {
	tar --numeric-owner -tvf "$1" | awk '{ $4 = ""; $5 = ""; print }' | sort
}
