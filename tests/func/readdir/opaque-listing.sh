#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an opaque directory lists only its own entries
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
opaque l1/d
touch l1/d/own l2/d/hidden
union m l1 l2
check_eq "listing" "$(listing m/d | tr '\n' ' ')" "own "
