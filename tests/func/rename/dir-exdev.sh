#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rename(2) of a directory with lower parts fails with EXDEV; mv then copies it, and the result is right
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d/sub l2/d
echo 1 >l1/d/sub/f
echo 2 >l2/d/g
rwunion m l1 l2
check_eq "rename(2)" "$(strata-probe rename m/d m/e)" EXDEV
must mv m/d m/e
check_eq "moved" "$(cd m && find . | sort)" ".
./e
./e/g
./e/sub
./e/sub/f"
check_eq "content" "$(cat m/e/sub/f m/e/g)" "1
2"
