#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a directory made in the union can be renamed; moved over a deleted lower directory it becomes opaque
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir -p l1/old
echo hidden >l1/old/f
rwunion m l1
mkdir m/new
echo kept >m/new/k
must mv m/new m/renamed
rm -r m/old
must mv m/renamed m/old
check_eq "listing" "$(listing m/old)" k
check_eq "upper" "$(upper_tree u)" ". directory
./old directory opaque=y
./old/k regular_file"
