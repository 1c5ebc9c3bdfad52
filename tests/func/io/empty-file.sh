#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an empty lower file reads as empty
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
: >l1/empty
union m l1 l2
check_eq "size" "$(wc -c <m/empty)" 0
