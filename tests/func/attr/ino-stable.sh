#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: st_ino is stable across lookups and cache drops, and matches readdir's d_ino
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
touch l1/d/a l2/d/b
union m l1 l2
a=$(stat -c %i m/d/a)
b=$(stat -c %i m/d/b)
[ "$a" != "$b" ] || fail "two files share inode $a"
echo 3 >/proc/sys/vm/drop_caches
check_eq "a after drop" "$(stat -c %i m/d/a)" "$a"
check_eq "b after drop" "$(stat -c %i m/d/b)" "$b"
check_eq "d_ino of a" "$(ls -i m/d | awk '$2 == "a" { print $1 }')" "$a"
check_eq "d_ino of b" "$(ls -i m/d | awk '$2 == "b" { print $1 }')" "$b"
