#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the OCI layer tarballs the guest's import/export round trip starts
# from: a small root filesystem committed with umoci in three layers, the
# way image tools make them (whiteouts as .wh.NAME files).
#
#   oci-fixture.sh OUTDIR     writes OUTDIR/layer1.tar.gz (base) .. layer3.tar.gz
#
# and, in OUTDIR/malformed/, tarballs an import must refuse without writing
# anything outside its directory: made with GNU tar, whose --transform
# stores any name.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
img=$work/oci:fixture
rootfs=$work/bundle/rootfs

# commit: record the bundle's rootfs as a new layer, unpack afresh for the next.
commit() {
	umoci repack --image "$img" "$work/bundle"
	rm -rf "$work/bundle"
	umoci unpack --image "$img" "$work/bundle" >/dev/null
}

umoci init --layout "$work/oci"
umoci new --image "$img"
umoci unpack --image "$img" "$work/bundle" >/dev/null

# Layer 1: a base system.
mkdir -p "$rootfs"/{bin,etc/app.d,usr/lib/app,usr/share/doc,var/log,tmp}
cp /bin/busybox "$rootfs/bin/busybox"
ln -s busybox "$rootfs/bin/sh"
ln -s usr/lib "$rootfs/lib"
echo "ID=fixture" >"$rootfs/etc/os-release"
printf 'root:x:0:0::/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n' >"$rootfs/etc/passwd"
for i in 1 2 3; do echo "conf $i" >"$rootfs/etc/app.d/$i.conf"; done
head -c 300000 /bin/busybox >"$rootfs/usr/lib/app/data.bin"
ln "$rootfs/usr/lib/app/data.bin" "$rootfs/usr/lib/app/data.link"
echo "doc" >"$rootfs/usr/share/doc/README"
chmod 1777 "$rootfs/tmp"
head -c 8192 /bin/busybox >"$rootfs/bin/su-tool"
chmod 4755 "$rootfs/bin/su-tool"
mkfifo "$rootfs/var/log/pipe"
setfattr -n user.fixture -v base "$rootfs/etc/os-release" 2>/dev/null || true
chown 1000:1000 "$rootfs/usr/share/doc/README"
commit

# Layer 2: an application: adds, changes, deletes (whiteouts).
mkdir -p "$rootfs/opt/app"
echo "app v1" >"$rootfs/opt/app/run"
chmod 0755 "$rootfs/opt/app/run"
echo "ID=fixture-app" >"$rootfs/etc/os-release"
rm "$rootfs/etc/app.d/2.conf" "$rootfs/usr/share/doc/README"
rm -r "$rootfs/var/log"
commit

# Layer 3: a fix on top: a directory emptied and refilled, a mode change.
rm -rf "$rootfs/etc/app.d"
mkdir "$rootfs/etc/app.d"
echo "only" >"$rootfs/etc/app.d/only.conf"
chmod 0600 "$rootfs/etc/passwd"
echo "app v2" >"$rootfs/opt/app/run"
commit

# The layers in order, bottom first, from the image manifest.
mkdir -p "$out"
index=$work/oci/index.json
manifest=$(jq -r '.manifests[0].digest' "$index" | sed 's/^sha256://')
n=0
for digest in $(jq -r '.layers[].digest' "$work/oci/blobs/sha256/$manifest" | sed 's/^sha256://'); do
	n=$((n + 1))
	cp "$work/oci/blobs/sha256/$digest" "$out/layer$n.tar.gz"
done
[ "$n" -eq 3 ] || { echo "oci-fixture: expected 3 layers, got $n" >&2; exit 1; }

# Malformed layers, each with one entry that must not land where it says.
mal=$out/malformed
src=$work/malformed
mkdir -p "$mal" "$src/b"
echo x >"$src/f"
echo y >"$src/b/f"
ln -s /tmp "$src/a"
cd "$src"
tar -cPf "$mal/dotdot.tar" --transform 's,^f$,../escape,' f
tar -cPf "$mal/absolute.tar" --transform 's,^f$,/tmp/escape,' f
tar -cf "$mal/symlink.tar" a
tar -rf "$mal/symlink.tar" --transform 's,^b/f$,a/escape,' b/f
ln f g
tar -cPf "$mal/hardlink.tar" --transform 's,^f$,../escape,RSh' f g
tar -cf "$mal/longname.tar" --transform "s,^f\$,$(printf 'n%.0s' $(seq 300))," f
tar -cf "$mal/badwhiteout.tar" --transform 's,^f$,.wh..,' f
head -c 1000000 "$out/layer1.tar.gz" >"$mal/truncated.tar.gz"
