#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: hard links in a lower layer share one inode through the union
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo x >l1/a
ln l1/a l1/b
union m l1 l2
check_eq "same ino" "$(stat -c %i m/a)" "$(stat -c %i m/b)"
check_eq "nlink" "$(stat -c %h m/a)" 2
