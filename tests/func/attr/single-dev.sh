#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: every object on the mount reports the mount's st_dev
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l2/d
touch l1/a l2/d/b
union m l1 l2
dev=$(stat -c %d m)
check_eq "file from top" "$(stat -c %d m/a)" "$dev"
check_eq "dir from bottom" "$(stat -c %d m/d)" "$dev"
check_eq "file from bottom" "$(stat -c %d m/d/b)" "$dev"
