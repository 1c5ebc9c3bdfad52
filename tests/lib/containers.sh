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
