#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: SEEK_DATA and SEEK_HOLE on a sparse lower file see its holes
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
truncate -s 16M l2/sparse
dd if=/dev/urandom of=l2/sparse bs=64k count=2 seek=16 conv=notrunc 2>/dev/null
dd if=/dev/urandom of=l2/sparse bs=64k count=1 seek=200 conv=notrunc 2>/dev/null
union m l1 l2
want=$(strata-probe seek-data l2/sparse)
check_eq "extents" "$(strata-probe seek-data m/sparse)" "$want"
[ "$(echo "$want" | grep -c '^data')" -ge 2 ] || fail "the layer shows no holes: $want"
