#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: every object on a multi-layer mount has its own st_ino and the mount's st_dev
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/a l2/a/b l3/a/b/c l3/x
touch l1/a/1 l2/a/b/2 l3/a/b/c/3 l3/x/4 l2/5
union m l1 l2 l3
(cd m && find . | xargs strata-probe stat-ino) >st || fail "stat-ino"
check_eq "one device" "$(awk '{ print $2 }' st | sort -u | wc -l)" 1
check_eq "unique inodes" "$(awk '{ print $3 }' st | sort -u | wc -l)" "$(wc -l <st)"
