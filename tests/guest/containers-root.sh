#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the guest's init, as PID 1, for strata.mode=containers (and
# containers-bench): moves
# the guest onto the root disk scripts/container-image.sh builds (the first
# virtio disk), since container runtimes pivot_root out of their root and
# an initramfs cannot be left that way. Strata's binaries, modules and
# tests, and the kernel's modules, are copied onto it (the guest boots it
# with snapshot=on: nothing stays), then tests/guest/$mode.sh runs there
# as PID 1.
for m in virtio_pci virtio_blk ext4; do
	modprobe "$m" 2>/dev/null
done
mkdir -p /newroot
if ! mount -t ext4 /dev/vda /newroot; then
	echo "RESULT FAIL ${STRATA_LABEL:-containers} guest containers/root-disk 0 the container root disk mounts" >/dev/ttyS1
	echo "| no ext4 root disk on /dev/vda" >/dev/ttyS1
	reboot -f
fi
cp -a /strata /newroot/
cp /sbin/mount.strata /newroot/sbin/
cp /usr/bin/strata /newroot/usr/bin/
mkdir -p /newroot/lib/modules
cp -a "/lib/modules/$(uname -r)" /newroot/lib/modules/
for d in dev proc sys tmp; do
	mount --move "/$d" "/newroot/$d"
done
# strata.mode=containers runs the tests, containers-bench the benchmark.
exec switch_root /newroot /bin/sh "/strata/tests/guest/$mode.sh"
