#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: podman imports an image offline and runs it: the container sees the image's tree, its writes land in its own upper (podman diff), and the image is unchanged for the next container
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
out=$(podman run --name c1 base sh -c 'cat /etc/base-release; echo hi >/tmp/x; cat /tmp/x; rm /etc/base-release; [ -e /etc/base-release ] || echo gone' 2>"$T/.err") ||
	fail "podman run: $(cat "$T/.err")"
check_eq "inside" "$(echo "$out" | tr '\n' ' ')" "base image hi gone "
podman diff c1 | sort >diff.txt
check_eq "podman diff" "$(tr '\n' ' ' <diff.txt)" "A /tmp/x C /etc C /tmp D /etc/base-release "
ctr_keep diff <diff.txt
# The whole tree a container with the same changes sees, for the runner's
# comparison with the overlay way (containers/same-as-overlay).
podman run --rm base sh -c "echo hi >/tmp/x; rm /etc/base-release; $ctr_tree" | ctr_keep tree
check_eq "a second container" "$(podman run --rm base cat /etc/base-release)" "base image"
must podman rm c1
