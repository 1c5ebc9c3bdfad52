#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Install every Debian package the build, the test kernels and the QEMU suite
# use. Idempotent and quiet: packages already present cost one dpkg query.
set -euo pipefail

pkgs=(
	# userspace build (make check compiles through ccache)
	build-essential cmake pkg-config libmount-dev libgtest-dev googletest
	libarchive-dev libcli11-dev nlohmann-json3-dev libfmt-dev ccache
	# packaging checks
	dkms
	# module build against the two stock kernels: Debian 12's 6.1 and the
	# 6.12 LTS series Debian 12 also ships
	linux-headers-cloud-amd64 linux-image-cloud-amd64 kmod
	linux-headers-6.12-cloud-amd64 linux-image-6.12-cloud-amd64
	# debug kernels from source (6.12 in make check, 6.1 in make check-full)
	linux-source-6.12 linux-source-6.1 bc bison flex libelf-dev libssl-dev
	dwarves python3 rsync xz-utils cpio
	# guest contents and emulator
	qemu-system-x86 busybox-static util-linux mount attr acl libcap2-bin
	e2fsprogs xfsprogs btrfs-progs fuse-overlayfs fuse3 uidmap
	# the NFS tier: the kernel NFS server's and client's tools, copied into
	# the guest (on a host booted with systemd, the package also enables
	# the host's own NFS server service)
	nfs-kernel-server nfs-common
	# OCI layer fixtures for the import/export round trip, and the
	# container guest's 100-layer image
	umoci jq
	# the container guest's root disk (scripts/container-image.sh)
	mmdebstrap
	# make bench: the report's plots
	gnuplot-nox
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
