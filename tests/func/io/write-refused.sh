#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: opening a lower file for writing fails on a read-only union and leaves it intact
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo keep >l1/f
union m l1 l2
must_fail sh -c ': >m/f'
must_fail sh -c 'echo more >>m/f'
must_fail truncate -s 0 m/f
check_eq "content" "$(cat l1/f)" keep
