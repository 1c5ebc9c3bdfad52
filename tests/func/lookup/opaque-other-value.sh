#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an opaque xattr other than y leaves the directory transparent
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d
setfattr -n trusted.overlay.opaque -v n l1/d
echo 2 >l2/d/b
union m l1 l2
check_eq "lower entry" "$(cat m/d/b)" 2
