#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mmap of a lower file through the union reads the same bytes
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
dd if=/dev/urandom of=l2/f bs=4k count=300 2>/dev/null
: >l1/empty
union m l1 l2
check_eq "mmap" "$(strata-probe mmap-sum m/f)" "$(strata-probe read-sum l2/f)"
check_eq "read" "$(strata-probe read-sum m/f)" "$(strata-probe read-sum l2/f)"
check_eq "empty" "$(strata-probe mmap-sum m/empty)" "$(strata-probe read-sum l1/empty)"
