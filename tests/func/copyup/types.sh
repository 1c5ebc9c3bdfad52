#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: symlinks, fifos, devices and directories copy up with their type, target and numbers
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
ln -s target-of-link l1/link
mkfifo l1/fifo
mknod l1/null c 1 3
mknod l1/blk b 7 0
mkdir l1/dir
rwunion m l1
for p in link fifo null blk dir; do
	must chown -h 1000:1000 "m/$p"
done
check_eq "link" "$(readlink u/link)" target-of-link
check_eq "types" "$(stat -c '%n %F %t:%T %u' u/fifo u/null u/blk u/dir)" \
"u/fifo fifo 0:0 1000
u/null character special file 1:3 1000
u/blk block special file 7:0 1000
u/dir directory 0:0 1000"
check_eq "lower untouched" "$(stat -c %u l1/null)" 0
