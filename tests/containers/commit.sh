#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a container's changes, seen by podman diff, committed (the new image runs with them), exported (the flattened tree) and saved (its top layer holds the changes and the whiteout of a deleted file)
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
must podman run --name c2 base sh -c 'mkdir -p /srv/a; echo 1 >/srv/a/f; echo 2 >/srv/g; rm /etc/base-release; ln -s a /srv/link'
podman diff c2 | sort >diff.txt
ctr_keep diff <diff.txt
check_eq "podman diff" "$(grep -E 'srv|base-release' diff.txt | tr '\n' ' ')" \
	"A /srv A /srv/a A /srv/a/f A /srv/g A /srv/link D /etc/base-release "
must podman commit -q c2 committed
check_eq "the committed image" \
	"$(podman run --rm committed sh -c 'cat /srv/a/f /srv/g; readlink /srv/link; [ -e /etc/base-release ] || echo gone' | tr '\n' ' ')" \
	"1 2 a gone "

# podman export: the container's whole tree, flattened.
podman export -o export.tar c2 2>"$T/.err" || fail "podman export: $(cat "$T/.err")"
tar_list export.tar | ctr_keep export
check_eq "exported" "$(tar -tf export.tar | sed 's|^\./||' | grep -E '^srv|base-release' | sort | tr '\n' ' ')" \
	"srv/ srv/a/ srv/a/f srv/g srv/link "

# podman save: the image's layers; the top one holds what the container did.
podman save -o saved.tar committed 2>"$T/.err" || fail "podman save: $(cat "$T/.err")"
mkdir saved && tar -xf saved.tar -C saved
top=$(sed 's/.*"Layers":\[\([^]]*\)\].*/\1/' saved/manifest.json | tr ',' '\n' | tail -n 1 | tr -d '"')
[ -f "saved/$top" ] || fail "no top layer in the saved image: $(cat saved/manifest.json)"
tar_list "saved/$top" | ctr_keep saved-top
check_eq "the top layer" "$(tar -tf "saved/$top" | sed 's|^\./||' | grep -E '^srv|base-release' | sort | tr '\n' ' ')" \
	"etc/.wh.base-release srv/ srv/a/ srv/a/f srv/g srv/link "
must podman rm c2
