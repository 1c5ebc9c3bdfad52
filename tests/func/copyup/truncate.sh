#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: truncate and open(O_TRUNC) of a lower file copy it up with the new size; the lower keeps its bytes
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo 0123456789 >l1/a
echo 0123456789 >l1/b
rwunion m l1
must truncate -s 4 m/a
check_eq "a" "$(cat m/a)" 0123
: >m/b
check_eq "b size" "$(stat -c %s m/b) $(stat -c %s u/b)" "0 0"
check_eq "lower a" "$(cat l1/a)" 0123456789
check_eq "lower b" "$(cat l1/b)" 0123456789
