#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a 16 MiB file from the bottom layer reads back byte for byte
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
dd if=/dev/urandom of=l3/big bs=1M count=16 2>/dev/null
union m l1 l2 l3
check_eq "sha" "$(sha256sum <m/big)" "$(sha256sum <l3/big)"
