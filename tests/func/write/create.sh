#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: files created in upper-only, merged and lower-only directories land in the upper, owned by their creator
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir -p l1/merged l1/lowonly/deep u/merged u/uponly
rwunion m l1
echo 1 >m/top
echo 2 >m/merged/f
echo 3 >m/lowonly/deep/f
echo 4 >m/uponly/f
chmod 777 m/merged
as_user sh -c "echo 5 >$T/m/merged/user-file" || fail "user create"
check_eq "upper" "$(upper_tree u)" ". directory
./lowonly directory
./lowonly/deep directory
./lowonly/deep/f regular_file
./merged directory
./merged/f regular_file
./merged/user-file regular_file
./top regular_file
./uponly directory
./uponly/f regular_file"
check_eq "owner" "$(stat -c %u:%g m/merged/user-file u/merged/user-file)" "1000:1000
1000:1000"
check_eq "contents" "$(cat m/top m/merged/f m/lowonly/deep/f m/uponly/f)" "1
2
3
4"
[ -z "$(ls -A l1/merged)" ] || fail "the lower changed"
