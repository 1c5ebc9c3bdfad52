#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: symlinks from a lower layer read back and resolve inside the union
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo target >l2/t
ln -s t l1/rel
ln -s /nonexistent l1/abs
union m l1 l2
check_eq "readlink" "$(readlink m/rel)" t
check_eq "follow" "$(cat m/rel)" target
check_eq "abs" "$(readlink m/abs)" /nonexistent
