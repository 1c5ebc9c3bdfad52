#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build a test guest's initramfs (an uncompressed newc cpio).
#
#   mkinitramfs.sh OUT KMOD_DIR USERSPACE_BIN_DIR [KREL]
#
# Contents: busybox-static as the base; the real util-linux mount (so that
# "mount -t strata" runs /sbin/mount.strata as on a real system), attr, acl
# and libcap tools, chattr, mke2fs, e2fsck, mkfs.xfs, xfs_repair, mkfs.btrfs and
# btrfs (for btrfs check), dmsetup, fsfreeze
# and losetup; the NFS server's and client's tools (rpc.nfsd, rpc.mountd,
# exportfs, mount.nfs) for the NFS tier; fuse-overlayfs and
# fusermount3 (the benchmark's FUSE contender); Strata's binaries;
# strata.ko and strata_kunit.ko from KMOD_DIR; the test tree and the OCI
# layer fixtures (scripts/oci-fixture.sh); and, with KREL, the stock
# kernel's overlay, fuse, loop, device-mapper, xfs, btrfs, NFS server and
# client, and virtio disk modules with their dependencies
# (where they are modules). Dynamic binaries bring the libraries ldd names.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 OUT KMOD_DIR USERSPACE_BIN_DIR [KREL]" >&2; exit 2; }
out=$1 kmod=$2 ubin=$3 krel=${4:-}
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d)
chmod 0755 "$root"	# becomes /: every user must traverse it
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,proc,sys,dev,tmp,mnt,run/mount,strata/modules}
cp /bin/busybox "$root/bin/busybox"

# copy_bin SRC DEST_DIR: a binary and every library it links.
copy_bin() {
	cp "$1" "$root/$2/"
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

for b in mount umount findmnt setpriv unshare nsenter losetup getfattr setfattr chattr lsattr \
	getfacl setfacl; do
	copy_bin "$(command -v $b)" usr/bin
done
for b in setcap getcap mke2fs e2fsck dmsetup fsfreeze mkfs.xfs mkfs.btrfs \
	xfs_repair btrfs rpc.nfsd rpc.mountd exportfs; do
	copy_bin "$(command -v $b)" usr/sbin
done
copy_bin /sbin/mount.nfs sbin
ln -s mount.nfs "$root/sbin/mount.nfs4"
# libtirpc's transports and the service names the NFS tools look up.
cp /etc/netconfig /etc/services /etc/protocols "$root/etc/"
# strata-bench's third contender (its fuse.ko comes with the modules below).
for b in fuse-overlayfs fusermount3; do
	copy_bin "$(command -v $b)" usr/bin
done
ln -s mke2fs "$root/usr/sbin/mkfs.ext4"
cp /etc/mke2fs.conf "$root/etc/"
# libmount looks for mount helpers in /sbin.
copy_bin "$ubin/mount.strata" sbin
for b in "$ubin"/strata "$ubin"/strata-*; do
	[ -x "$b" ] && copy_bin "$b" usr/bin
done

cp "$kmod/strata.ko" "$root/strata/modules/"
[ -f "$kmod/strata_kunit.ko" ] && cp "$kmod/strata_kunit.ko" "$root/strata/modules/"

if [ -n "$krel" ]; then
	# By module name, with what each depends on; the files may be
	# compressed (6.12's are .ko.xz, which busybox cannot load, so they go
	# in unpacked) or the module built in.
	names="overlay fuse loop virtio_blk dm-mod dm-flakey xfs btrfs nfsd nfsv4"
	names+=" $(cd "/lib/modules/$krel/kernel/drivers/virtio" &&
		ls | sed 's/\.ko.*//')"
	for n in $names; do
		modprobe -S "$krel" --show-depends "$n" | sed -n 's/^insmod \([^ ]*\).*/\1/p'
	done | sort -u | while read -r src; do
		rel=${src#/lib/modules/$krel/}
		dst=$root/lib/modules/$krel/${rel%.xz}
		mkdir -p "$(dirname "$dst")"
		case $src in
		*.xz) xz -dc "$src" >"$dst" ;;
		*) cp "$src" "$dst" ;;
		esac
	done
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		cp "/lib/modules/$krel/$f" "$root/lib/modules/$krel/"
	done
	# modules.order names the compressed files; depmod finds the others.
	sed -i 's/\.ko\.xz$/.ko/' "$root/lib/modules/$krel/modules.order"
	depmod -b "$root" "$krel"
fi

mkdir -p "$root/strata/tests"
cp -r "$top/tests/guest" "$top/tests/lib" "$top/tests/func" "$top/tests/soak" \
	"$top/tests/containers" "$root/strata/tests/"
mkdir -p "$root/strata/tests/difftest"
cp -r "$top/tests/difftest/cases" "$root/strata/tests/difftest/"
"$top/scripts/oci-fixture.sh" "$root/strata/fixtures/oci"
cp "$top/tests/guest/init" "$root/init"
chmod +x "$root/init"

cat >"$root/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
tester:x:1000:1000:unprivileged test user:/tmp:/bin/sh
PW
cat >"$root/etc/group" <<'GR'
root:x:0:
tester:x:1000:
GR
# Subordinate ids for tester's user namespaces, as rootless podman has
# them; newuidmap and newgidmap (set-uid root) write such maps.
echo tester:100000:65536 >"$root/etc/subuid"
echo tester:100000:65536 >"$root/etc/subgid"
for b in newuidmap newgidmap; do
	copy_bin "$(command -v $b)" usr/bin
	chmod 4755 "$root/usr/bin/$b"
done

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$out"
