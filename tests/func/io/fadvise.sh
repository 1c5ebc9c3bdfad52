#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: posix_fadvise on a union file reaches the real file without error
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
dd if=/dev/zero of=l2/f bs=64k count=4 2>/dev/null
union m l1 l2
check_eq "fadvise" "$(strata-probe fadvise m/f)" ok
