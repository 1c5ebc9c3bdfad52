#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: podman build adds layers that write, overwrite, delete (whiteouts), replace a directory (opaque), chmod, hard-link, symlink and rename; the image's tree, seen in a container, is what the steps made (and, whole, the overlay way's)
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
mkdir ctx
cat >ctx/Containerfile <<'CF'
FROM base
RUN mkdir -p /data/dir /data/gone && echo one >/data/file && echo x >/data/dir/old && echo y >/data/gone/f && echo del >/data/del
RUN echo two >/data/file && rm /data/del && rm -r /data/dir && mkdir /data/dir && echo new >/data/dir/new
RUN chmod 0600 /data/file && ln /data/file /data/hard && ln -s file /data/sym && mv /data/gone /data/moved
CF
must podman build --pull=never --network=none -q -t built ctx
layers() {
	for l in $(podman image inspect --format '{{.GraphDriver.Data.LowerDir}}:{{.GraphDriver.Data.UpperDir}}' built | tr : ' '); do
		echo "$l"; (cd "$l" && find . -path ./bin -prune -o -print | sort)
	done
}
# A directory's link count depends on how many layers hold it, which differs
# between drivers (a mount program's layers come from a naive diff): files'
# counts are compared, directories' are not.
tree=$(podman run --rm built sh -c 'cd /data && find . | sort | while read -r p; do
	if [ -d "$p" ]; then f="%A"; else f="%A %h"; fi
	printf "%s %s\n" "$p" "$(stat -c "$f" "$p")"; done; cat file dir/new; readlink sym')
want=". drwxr-xr-x ./dir drwxr-xr-x ./dir/new -rw-r--r-- 1 ./file -rw------- 2 ./hard -rw------- 2 ./moved drwxr-xr-x ./moved/f -rw-r--r-- 1 ./sym lrwxrwxrwx 1 two new file "
got=$(echo "$tree" | tr '\n' ' ')
[ "$got" = "$want" ] || fail "the built tree: got [$got], expected [$want]; the layers: $(layers)"
# Whole, for the runner's comparison with the overlay way (containers/same-as-overlay).
podman run --rm built sh -c "$ctr_tree" | ctr_keep tree
