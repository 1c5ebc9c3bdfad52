#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a file opened read-only before its copy-up reads the copied-up data afterwards
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo old >l1/f
rwunion m l1
exec 3<m/f
echo new >m/f
check_eq "through the early fd" "$(cat <&3)" new
exec 3<&-
check_eq "lower" "$(cat l1/f)" old
