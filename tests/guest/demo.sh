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
show "umount merged"

echo
echo "Now a container's view: the same layers under a writable upper layer."
mkdir -p upper work
show "mount -t strata -o lowerdir=/mnt/fix:/mnt/app:/mnt/base,upperdir=/mnt/upper,workdir=/mnt/work none /mnt/merged"
show "echo 'edited in the container' >>merged/etc/os-release   # first write: copy-up"
show "cat merged/etc/os-release; cat base/etc/os-release         # the lower layer is untouched"
show "rm merged/etc/app.conf                                    # a lower name removed: whiteout"
show "echo hello >merged/etc/new.conf                           # a new file: upper only"
show "ls merged/etc"
show "rm -r merged/usr && mkdir merged/usr && touch merged/usr/empty   # a dir over a whiteout: opaque"
show "ls merged/usr"
show "umount merged"

echo
echo "What the upper layer holds, in overlayfs's format:"
(cd upper && find . -mindepth 1 | sort | while read -r p; do
	kind=$(stat -c %F "$p")
	[ -c "$p" ] && kind="whiteout (character device $(stat -c %t:%T "$p"))"
	o=$(getfattr --absolute-names --only-values -n trusted.overlay.opaque "$p" 2>/dev/null) || o=
	echo "  upper/${p#./}: $kind${o:+, opaque=$o}"
done)
show "strata diff --lowerdir /mnt/fix:/mnt/app:/mnt/base /mnt/upper   # like docker diff"
show "rmmod strata && echo unloaded"
