#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a merged directory reports nlink 1; a single-layer one its real count
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/merged/a l2/merged/b l2/single/x l2/single/y
union m l1 l2
check_eq "merged" "$(stat -c %h m/merged)" 1
check_eq "single" "$(stat -c %h m/single)" "$(stat -c %h l2/single)"
