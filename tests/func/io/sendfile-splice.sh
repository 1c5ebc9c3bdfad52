#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: sendfile and splice from a lower file deliver its bytes
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
dd if=/dev/urandom of=l2/f bs=64k count=40 2>/dev/null
union m l1 l2
want=$(strata-probe read-sum l2/f)
check_eq "sendfile" "$(strata-probe sendfile m/f)" "$want"
check_eq "splice" "$(strata-probe splice m/f)" "$want"
