#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user reads a world-readable lower file
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo public >l1/p
chmod 0755 "$T" l1 l2
union m l1 l2
check_eq "read" "$(as_user cat m/p)" public
