#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: whiteouts and the names they hide are not listed
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
whiteout l1/d/gone
touch l2/d/gone l2/d/kept
whiteout l1/d/never-existed
union m l1 l2
check_eq "listing" "$(listing m/d | tr '\n' ' ')" "kept "
