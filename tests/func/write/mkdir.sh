#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mkdir in merged and upper-only directories: mode and owner as on the bare fs, marked as overlayfs marks them
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir l1/merged
rwunion m l1
umask 022
mkdir -m 750 m/merged/new
mkdir m/top
mkdir m/top/inner
check_eq "modes" "$(stat -c '%n %a' m/merged/new m/top m/top/inner)" "m/merged/new 750
m/top 755
m/top/inner 755"
check_eq "upper" "$(upper_tree u)" ". directory
./merged directory
./merged/new directory
./top directory
./top/inner directory"
must_fail mkdir m/merged
grep -qi "exists" "$T/.err" || fail "not EEXIST: $(cat "$T/.err")"
