#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: with aufs_whiteouts (what mount.strata asks for as a mount program), a lower's ".wh.NAME" hides NAME below it and ".wh..wh..opq" makes its directory opaque, in lookups, listings (merged, streamed and through the lower-name index) and rmdir; no ".wh." name of a lower shows; the upper keeps overlayfs's whiteouts; without the option the files are plain
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir -p l1 l2/d l2/e l2/solo l2/.wh..wh.plnk l3/d l3/e u w m
for f in a b keep; do echo "$f" >"l3/$f"; done
echo x >l3/d/x
echo y >l3/d/y
echo old >l3/e/old
touch l2/.wh.a l2/d/.wh.x l2/e/.wh..wh..opq l2/solo/.wh.z
echo new >l2/e/new
echo w >l2/solo/w
echo top >l1/top
opts="lowerdir=$T/l1:$T/l2:$T/l3,upperdir=$T/u,workdir=$T/w"

must mount -t strata -o "$opts,aufs_whiteouts" none m
findmnt -n -o OPTIONS m | grep -q aufs_whiteouts || fail "options: $(findmnt -n -o OPTIONS m)"
check_eq "root" "$(ls -A m | tr '\n' ' ')" "b d e keep solo top "
check_eq "d" "$(ls -A m/d | tr '\n' ' ')" "y "
check_eq "opaque e" "$(ls -A m/e | tr '\n' ' ')" "new "
check_eq "a lone lower's directory" "$(ls -A m/solo | tr '\n' ' ')" "w "
for p in a .wh.a d/x d/.wh.x e/old e/.wh..wh..opq .wh..wh.plnk solo/.wh.z; do
	[ -e "m/$p" ] && fail "m/$p is visible"
done
check_eq "what stays" "$(cat m/b m/keep m/d/y m/e/new)" "b
keep
y
new"

# Changes through the union: overlayfs's format in the upper.
must rm m/b m/d/y
[ -c u/b ] && [ "$(stat -c %t:%T u/b)" = 0:0 ] || fail "no 0/0 whiteout for b in the upper"
must rmdir m/d
must sh -c 'echo again >m/a'
check_eq "a made again" "$(cat m/a)" again
check_eq "root after the changes" "$(ls -A m | tr '\n' ' ')" "a e keep solo top "
must umount m

# Many layers, many misses: the lower-name index answers lookups, and a
# ".wh." file in layer 5 still hides the file in layer 15.
i=1
layers=
while [ $i -le 20 ]; do
	mkdir -p "many/$i/d"
	layers=$layers${layers:+:}$T/many/$i
	i=$((i + 1))
done
echo deep >many/15/d/f
echo other >many/15/d/g
touch many/5/d/.wh.f
must mount -t strata -o "lowerdir=$layers,aufs_whiteouts" none m
i=0
while [ $i -lt 200 ]; do
	[ -e "m/d/missing-$i" ] && fail "missing-$i exists"
	i=$((i + 1))
done
[ -e m/d/f ] && fail "f is visible through 10 layers of the index"
check_eq "listing of d" "$(ls -A m/d | tr '\n' ' ')" "g "
must umount m

# Without the option, the files are plain names.
must mount -t strata -o "$opts" none m
check_eq "plain" "$(ls -A m/e | tr "\n" " ")" ".wh..wh..opq new old "
must umount m
