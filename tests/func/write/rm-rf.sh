#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rm -rf of a tree spread over three layers leaves one whiteout and an empty view
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
for l in l1 l2 l3; do
	mkdir -p $l/tree/$l/sub $l/tree/shared
	echo $l >$l/tree/$l/sub/file
	echo $l >$l/tree/shared/$l
done
rwunion m l1 l2 l3
echo up >m/tree/shared/new
must rm -rf m/tree
[ -e m/tree ] && fail "tree still there: $(ls -R m/tree)"
check_eq "upper" "$(upper_tree u)" ". directory
./tree whiteout"
check_eq "lowers kept" "$(cat l3/tree/l3/sub/file)" l3
umount m
work_clean
