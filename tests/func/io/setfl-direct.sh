#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: fcntl(F_SETFL) turning O_DIRECT on or off reaches the real file: unaligned reads are then refused (EINVAL) or served, as on the bare filesystem
. "$STRATA_TESTS/lib/func.sh"

# Layers on ext4, which does direct I/O (6.1's tmpfs does not).
need_ext4 disk.img fs
mkdir -p fs/l1 fs/u fs/w m
head -c 65536 /dev/urandom >fs/l1/lower
head -c 65536 /dev/urandom >fs/upperfile
must mount -t "$FSTYPE" -o "lowerdir=$T/fs/l1,upperdir=$T/fs/u,workdir=$T/fs/w" none m
must cp fs/upperfile m/upper

check_eq "bare filesystem, switched to direct" "$(strata-probe setfl-read fs/upperfile direct)" EINVAL
for f in lower upper; do
	check_eq "$f file, switched to direct" "$(strata-probe setfl-read m/$f direct)" EINVAL
	check_eq "$f file, switched to buffered" "$(strata-probe setfl-read m/$f buffered)" ok
done
umount m
