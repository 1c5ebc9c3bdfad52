#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: buildah's own commands: from, run (a write and a deletion), copy, config, mount (the working container's union, of the way's type, shows the changes), commit (podman runs the image); skopeo copies it out of the storage as an OCI layout whose top layer holds the changes and the whiteout
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
wc=$(buildah from --pull=never base 2>"$T/.err") || fail "buildah from: $(cat "$T/.err")"
trap 'buildah rm "$wc" >/dev/null 2>&1' EXIT
must buildah run --network none "$wc" -- sh -c 'mkdir /b; echo 1 >/b/one; rm /etc/base-release'
echo 2 >two
must buildah copy -q "$wc" two /b/two
must buildah config --env FOO=bar "$wc"

mnt=$(buildah mount "$wc" 2>"$T/.err") || fail "buildah mount: $(cat "$T/.err")"
case $FSTYPE in
mount-program) want=strata ;;
*) want=overlay ;;
esac
check_eq "the union's type" "$(awk -v m="$mnt" '$2 == m { print $3 }' /proc/mounts)" "$want"
check_eq "through the mount" "$(cat "$mnt/b/one" "$mnt/b/two"; ls "$mnt/etc/base-release" 2>&1 >/dev/null | wc -l)" "1
2
1"
must buildah umount "$wc"

must buildah commit -q "$wc" bimg
check_eq "podman runs it" "$(podman run --rm bimg sh -c 'cat /b/one /b/two; echo $FOO; [ -e /etc/base-release ] || echo gone' | tr '\n' ' ')" \
	"1 2 bar gone "

skopeo copy -q containers-storage:localhost/bimg:latest "oci:$T/oci:bimg" 2>"$T/.err" ||
	fail "skopeo copy: $(cat "$T/.err")"
top=$(skopeo inspect --raw "oci:$T/oci:bimg" | grep -o '"digest": *"sha256:[0-9a-f]*"' |
	tail -n 1 | sed 's/.*sha256:\([0-9a-f]*\)"/\1/')
[ -f "$T/oci/blobs/sha256/$top" ] || fail "no top layer in the OCI layout: $(skopeo inspect --raw "oci:$T/oci:bimg")"
check_eq "the top layer" "$(tar -tf "$T/oci/blobs/sha256/$top" | sed 's|^\./||' | grep -E '^b|base-release' | sort | tr '\n' ' ')" \
	"b/ b/one b/two etc/.wh.base-release "
tar_list "$T/oci/blobs/sha256/$top" | ctr_keep top-layer
must buildah rm "$wc"
trap - EXIT
must buildah rmi bimg
