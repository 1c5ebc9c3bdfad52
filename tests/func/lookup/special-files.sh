#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: fifos and device nodes keep their type and numbers
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkfifo l1/fifo
mknod l1/null c 1 3
mknod l1/blk b 7 0
union m l1 l2
test -p m/fifo || fail "fifo"
test -c m/null || fail "char dev"
test -b m/blk || fail "block dev"
check_eq "rdev" "$(stat -c %t:%T m/null)" "1:3"
check_eq "null reads empty" "$(cat m/null)" ""
