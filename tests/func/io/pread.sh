#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: pread at assorted offsets returns the layer's bytes
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
dd if=/dev/urandom of=l2/f bs=1k count=2000 2>/dev/null
union m l1 l2
for at in "0 4096" "1 1" "4095 2" "1048576 1048576" "2047000 10000" "5000000 10"; do
	set -- $at
	check_eq "pread $at" "$(strata-probe pread m/f "$1" "$2")" "$(strata-probe pread l2/f "$1" "$2")"
done
