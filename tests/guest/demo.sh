#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What "make demo" shows: three image layers stacked by mount -t strata.
. /strata/tests/lib/tools.sh
set -e

show() { echo; echo "\$ $*"; sh -c "$*" 2>&1 || true; }

insmod /strata/modules/strata.ko
echo "strata $(cat /sys/fs/strata/version) loaded on Linux $(uname -r)"

mkdir -p /mnt
mount -t tmpfs demo /mnt
cd /mnt
mkdir -p base/etc base/usr/bin app/etc app/opt/app fix/etc fix/opt merged

# base: the distribution layer
echo "base os" >base/etc/os-release
echo "motd from base" >base/etc/motd
echo "#!/bin/sh" >base/usr/bin/tool
echo "old default" >base/etc/app.conf
# app: the application layer
echo "app binary" >app/opt/app/run
echo "app default" >app/etc/app.conf
# fix: a top layer that deletes and replaces
mknod fix/etc/motd c 0 0                          # whiteout: deletes etc/motd
echo "patched" >fix/etc/app.conf
echo "new tree" >fix/opt/only-this
setfattr -n trusted.overlay.opaque -v y fix/opt   # opaque: hides lower opt/

echo
echo "Three layers, top first: fix, app, base."
show "find base app fix -type f -o -type c | sort"
show "mount -t strata -o lowerdir=/mnt/fix:/mnt/app:/mnt/base none /mnt/merged"
show "grep strata /proc/mounts"
show "find merged | sort"
show "cat merged/etc/app.conf        # fix wins over app and base"
show "cat merged/etc/motd            # whited out by fix"
show "ls merged/opt                  # fix/opt is opaque: app's opt/app is hidden"
show "cat merged/etc/os-release      # from base, through two layers"
show "echo change >merged/etc/os-release   # no upperdir yet: read-only"
show "umount merged && rmmod strata && echo unloaded"
echo
echo "Copy-up into an upper layer is not there yet: an upperdir is used as"
echo "the top layer of a read-only mount, and a writable one is refused."
