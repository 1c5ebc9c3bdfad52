#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an image of more than 100 layers (made offline with umoci: a file per layer, a file rewritten in each, whiteouts, a directory refilled opaque) is pulled from its OCI layout and runs with the tree its layers make
. "$STRATA_TESTS/lib/containers.sh"

id=$(podman pull -q oci:/strata-images/many-oci:many 2>"$T/.err") || fail "podman pull: $(cat "$T/.err")"
layers=$(podman image inspect --format '{{len .RootFS.Layers}}' "$id")
[ "$layers" -gt 100 ] || fail "only $layers layers"
# /layers: files 2..105, less the 10 deleted (5, 15, .. 95), and top.
check_eq "the tree" "$(podman run --rm "$id" sh -c 'ls /layers | wc -l; cat /layers/top /layers/7; ls /layers/5 /layers/95 2>&1 | wc -l; ls /opaque' | tr '\n' ' ')" \
	"95 105 7 2 from-60 "
must podman rmi "$id"
