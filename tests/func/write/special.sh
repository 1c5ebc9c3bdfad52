#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: symlink, fifo, socket-free mknod and hard link through the union; a whiteout cannot be made through it
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo data >l1/f
rwunion m l1
ln -s f m/link
mkfifo m/fifo
mknod m/null c 1 3
must ln m/f m/hard
check_eq "link" "$(cat m/link)" data
check_eq "types" "$(stat -c '%n %F %t:%T' m/fifo m/null)" "m/fifo fifo 0:0
m/null character special file 1:3"
check_eq "hard link ino" "$(stat -c %i m/hard)" "$(stat -c %i m/f)"
check_eq "nlink" "$(stat -c %h m/f m/hard)" "2
2"
check_eq "upper links" "$(stat -c %i u/f)" "$(stat -c %i u/hard)"
echo more >>m/hard
check_eq "shared data" "$(cat m/f)" "data
more"
must_fail mknod m/wh c 0 0
check_eq "lower" "$(cat l1/f)" data
