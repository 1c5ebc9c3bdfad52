#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: dockerd with its overlay2 driver, unchanged: loads an image offline, runs it, builds on it (a deletion and an opaque directory), commits and exports a container; the tree is what the steps made
# fstypes: drop-in overlay
. "$STRATA_TESTS/lib/containers.sh"

dockerd_start "$FSTYPE" "$T/dockerd.log"
started=$?
trap 'kill $DOCKERD_PID 2>/dev/null; wait $DOCKERD_PID 2>/dev/null' EXIT
[ $started -eq 0 ] || fail "dockerd did not start: $(tail -n 5 "$T/dockerd.log")"
d() { docker -H "unix://$DOCKER_SOCK" "$@"; }
d info 2>/dev/null | grep -q "Storage Driver: overlay2" || fail "not overlay2: $(d info 2>&1 | grep -i storage)"

ctr_image base
podman save -o base.tar base 2>"$T/.err" || fail "podman save: $(cat "$T/.err")"
d load -q -i base.tar >/dev/null 2>"$T/.err" || fail "docker load: $(cat "$T/.err")"
image=$(podman image inspect --format '{{.Id}}' base)
check_eq "docker run" "$(d run --rm --network none "$image" cat /etc/base-release 2>&1)" "base image"

mkdir ctx
cat >ctx/Dockerfile <<DF
FROM $image
RUN mkdir -p /data/dir && echo old >/data/dir/old && echo del >/data/del
RUN rm /data/del && rm -r /data/dir && mkdir /data/dir && echo new >/data/dir/new
DF
DOCKER_BUILDKIT=0 d build -q --network none -t dbuilt ctx >/dev/null 2>"$T/.err" ||
	fail "docker build: $(cat "$T/.err")"
check_eq "the built tree" "$(d run --rm --network none dbuilt sh -c 'cd /data && find . | sort' | tr '\n' ' ')" \
	". ./dir ./dir/new "

d run --name dc --network none dbuilt sh -c 'echo x >/data/x; rm /data/dir/new' >/dev/null 2>&1 ||
	fail "docker run dc"
d diff dc | sort >diff.txt
ctr_keep diff <diff.txt
check_eq "docker diff" "$(grep /data diff.txt | tr '\n' ' ')" \
	"A /data/x C /data C /data/dir D /data/dir/new "
d commit dc dcommitted >/dev/null 2>"$T/.err" || fail "docker commit: $(cat "$T/.err")"
check_eq "committed" "$(d run --rm --network none dcommitted sh -c 'ls -A /data /data/dir' | tr '\n' ' ')" \
	"/data: dir x  /data/dir: "
d export -o export.tar dc || fail "docker export"
tar_list export.tar | ctr_keep export
check_eq "docker export" "$(tar -tf export.tar | grep '^data' | sort | tr '\n' ' ')" "data/ data/dir/ data/x "
d rm dc >/dev/null
