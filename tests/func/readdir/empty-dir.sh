#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an empty merged directory lists nothing
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
union m l1 l2
check_eq "listing" "$(listing m/d)" ""
