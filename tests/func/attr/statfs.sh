#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: statfs on the union answers from the top layer
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
union m l1 l2
check_eq "blocks" "$(stat -f -c %b m)" "$(stat -f -c %b l1)"
