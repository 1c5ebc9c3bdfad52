#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a five-layer set with whiteouts, opaque dirs and every file type looks the same through strata and overlay
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 5
# Bottom up, so that each layer changes what is below it.
mkdir -p l5/usr/bin l5/etc/conf.d l5/var/lib/pkg l5/home/u
echo sh >l5/usr/bin/sh
echo a >l5/etc/conf.d/a
echo b >l5/etc/conf.d/b
echo db >l5/var/lib/pkg/db
ln -s ../usr/bin/sh l5/etc/shell
mkfifo l5/var/fifo
mknod l5/var/null c 1 3
chmod 0700 l5/home/u
chown 1000:1000 l5/home/u
mkdir -p l4/etc/conf.d l4/var/lib
whiteout l4/etc/conf.d/a
echo b4 >l4/etc/conf.d/b
echo c >l4/etc/conf.d/c
echo f >l4/var/lib/pkg
mkdir -p l3/var/lib/pkg l3/opt/x l3/etc
opaque l3/var/lib/pkg
echo new >l3/var/lib/pkg/db2
echo x >l3/opt/x/x
whiteout l3/etc/shell
mkdir -p l2/etc l2/opt
whiteout l2/opt/x
ln -s conf.d/b l2/etc/shell
echo 2 >l2/etc/two
dd if=/dev/urandom of=l2/big bs=64k count=16 2>/dev/null
mkdir -p l1/etc/conf.d l1/var
echo top >l1/etc/conf.d/c
whiteout l1/var/null

mkdir o
mount -t overlay -o "lowerdir=$T/l1:$T/l2:$T/l3:$T/l4:$T/l5" none o 2>.err ||
	fail "overlay: $(cat .err)"
union m l1 l2 l3 l4 l5
snapshot o >want
snapshot m >got
diff want got >.diff || fail "strata and overlay differ: $(cat .diff)"
[ "$(wc -l <got)" -ge 15 ] || fail "suspiciously small view: $(cat got)"
