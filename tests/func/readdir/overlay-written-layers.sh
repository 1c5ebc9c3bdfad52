#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upper written by the kernel's overlay mounts as a strata lower with the same view
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/etc l1/gone-dir/sub l2/etc l2/keep u w o m
echo base >l2/etc/conf
echo base >l2/etc/motd
echo k >l2/keep/k
echo top >l1/etc/extra
touch l1/gone-dir/sub/x
mkfifo l2/etc/fifo
must mount -t overlay -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none o
rm o/etc/motd                 # whiteout in u/etc
echo changed >o/etc/conf      # copy-up
rm -r o/gone-dir              # whiteout for a directory
mkdir o/gone-dir              # opaque directory
echo new >o/gone-dir/fresh
chmod 0600 o/keep/k
ln -s conf o/etc/link
snapshot o >want
umount o
mount -t strata -o "lowerdir=$T/u:$T/l1:$T/l2" none m 2>.err || fail "mount: $(cat .err)"
snapshot m >got
diff want got >.diff || fail "views differ: $(cat .diff)"
grep -q 'gone-dir/sub' got && fail "opaque dir shows lower entries"
exit 0
