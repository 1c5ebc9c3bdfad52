#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: layers on two filesystems keep st_ino unique and stable, with one st_dev
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mkdir -p A B m
mount -t tmpfs a A
mount -t tmpfs b B
# Fresh tmpfs instances hand out small, overlapping inode numbers.
mkdir A/d B/d
touch A/d/a1 A/d/a2 B/d/b1 B/d/b2 B/top
union m "$T/A" "$T/B"
(cd m && find . | xargs strata-probe stat-ino) >st || fail "stat-ino"
check_eq "one device" "$(awk '{ print $2 }' st | sort -u | wc -l)" 1
check_eq "unique inodes" "$(awk '{ print $3 }' st | sort -u | wc -l)" "$(wc -l <st)"
echo 3 >/proc/sys/vm/drop_caches
(cd m && find . | xargs strata-probe stat-ino) >st2
check_eq "stable" "$(cat st2)" "$(cat st)"
must strata-probe dents-ino m/d
