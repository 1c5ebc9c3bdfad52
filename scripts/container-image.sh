#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the container guest's root disk: Debian 12 (minbase) with podman,
# crun, conmon, buildah, skopeo, fuse-overlayfs, uidmap, docker.io and
# containerd, as an ext4 image. Runtimes pivot_root into a container's
# root, which a guest still running from its initramfs cannot, so the
# container guest switches to this disk (tests/guest/containers-root.sh).
#
#   container-image.sh OUT.img
#
# The image is cached in $STRATA_CACHE/containers (default
# /var/cache/strata/containers), keyed by this script's contents (its
# package list and configuration): building it downloads about 200 MB of
# packages from the Debian archive the host's apt uses. The guest boots it
# with snapshot=on, so it never changes.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT.img" >&2; exit 2; }
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
packages=podman,crun,conmon,buildah,skopeo,fuse-overlayfs,uidmap,docker.io,containerd
packages=$packages,kmod,procps,iproute2,util-linux,busybox-static,attr,acl
cache=${STRATA_CACHE:-/var/cache/strata}/containers
key=$(sha256sum "$0" | cut -c1-16)
image=$cache/root-$key.img

if [ -s "$image" ]; then
	cp --sparse=always "$image" "$out"
	exit 0
fi

"$top/scripts/deps.sh"	# mmdebstrap, umoci, mke2fs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root

# The suites and mirrors the host's apt uses (deb822 or one-line form).
mirror=$(cat /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null |
	sed -n 's/^URIs: *\([^ ]*\).*/\1/p; s/^deb \(http[^ ]*\) .*/\1/p' |
	grep -v security | head -n 1) || true
mirror=${mirror:-http://deb.debian.org/debian}
mmdebstrap --mode=root --variant=minbase --include="$packages" bookworm \
	"$work/root.tar" "deb $mirror bookworm main" \
	"deb $mirror bookworm-updates main" \
	"deb ${mirror%/debian}/debian-security bookworm-security main"
mkdir "$root"
tar --xattrs --xattrs-include='*' --numeric-owner -xpf "$work/root.tar" -C "$root"
rm "$work/root.tar"

# The unprivileged user of the rootless runs, with subordinate ids.
chroot "$root" useradd -m -u 1000 -s /bin/sh tester
echo tester:100000:65536 >"$root/etc/subuid"
echo tester:100000:65536 >"$root/etc/subgid"

# No network in the guest, no systemd: cgroupfs, events in a file.
mkdir -p "$root/etc/containers"
cat >"$root/etc/containers/containers.conf" <<'EOF'
[containers]
netns = "none"
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "crun"
EOF

# Storage as a user of Strata configures it (README, "Running containers
# on Strata"): containers/storage's overlay driver with Strata's helper as
# its mount program. podman, buildah and skopeo read it.
cat >"$root/etc/containers/storage.conf" <<'EOF'
[storage]
driver = "overlay"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
[storage.options.overlay]
mountopt = "nodev"
mount_program = "/sbin/mount.strata"
EOF

# The base image, imported offline: busybox-static as a root filesystem.
mkdir -p "$work/base/bin" "$root/strata-images"
cp "$root/bin/busybox" "$work/base/bin/"
for t in sh ls cat echo mkdir rm mv cp ln chmod touch stat find sleep true \
	false sha256sum head wc sort id; do
	ln -s busybox "$work/base/bin/$t"
done
mkdir -p "$work/base/etc" "$work/base/tmp" "$work/base/root"
echo "base image" >"$work/base/etc/base-release"
tar --numeric-owner -C "$work/base" -cf "$root/strata-images/base.tar" .

# An image of more than 100 layers (containers/storage stacks 127 at most),
# as image tools stack them, made with
# umoci: the base, then per layer a file of its own and /layers/top
# rewritten; every tenth layer is followed by one that deletes an earlier
# file (a whiteout), and /opaque is refilled as an opaque directory.
many=$work/many
umoci init --layout "$many"
umoci new --image "$many:many"
umoci insert --image "$many:many" "$work/base" / >/dev/null
for i in $(seq 2 105); do
	mkdir -p "$work/l$i"
	echo "$i" >"$work/l$i/$i"
	echo "$i" >"$work/l$i/top"
	umoci insert --image "$many:many" "$work/l$i" /layers >/dev/null
	if [ $((i % 10)) -eq 0 ]; then
		umoci insert --image "$many:many" --whiteout "/layers/$((i - 5))" >/dev/null
	fi
	if [ "$i" -eq 30 ] || [ "$i" -eq 60 ]; then
		mkdir -p "$work/o$i"
		echo "$i" >"$work/o$i/from-$i"
		umoci insert --image "$many:many" --opaque "$work/o$i" /opaque >/dev/null
	fi
done
umoci config --image "$many:many" --config.cmd /bin/sh >/dev/null
umoci gc --layout "$many"
cp -a "$many" "$root/strata-images/many-oci"

mkdir -p "$cache"
truncate -s 3G "$work/root.img"
mke2fs -q -t ext4 -L strata-root -d "$root" "$work/root.img"
rm -f "$cache"/root-*.img	# an older script's image
mv "$work/root.img" "$image.tmp"
mv "$image.tmp" "$image"
cp --sparse=always "$image" "$out"
echo "container-image: built $image from $top/scripts"
