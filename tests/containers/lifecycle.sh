#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a detached container's life: exec sees and changes its tree, stop and start keep its upper, rm removes it and leaves the image as it was
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
must podman run -d --name life base sleep 600
must podman exec life sh -c 'echo kept >/root/note; mkdir /root/d; rm /bin/false'
check_eq "exec reads it" "$(podman exec life cat /root/note)" kept
must podman stop -t 0 life
must podman start life
check_eq "after stop and start" "$(podman exec life sh -c 'cat /root/note; ls /root; ls /bin/false 2>&1 >/dev/null | wc -l' | tr '\n' ' ')" "kept d note 1 "
must podman rm -f -t 0 life
podman container exists life && fail "the container is still there"
check_eq "the image, in a new container" "$(podman run --rm base sh -c 'ls /root | wc -l; ls /bin/false')" "0
/bin/false"
