#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: statfs on the union answers from the top layer, with the filesystem's own magic (strata's, or overlayfs's for the oracle)
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
union m l1 l2
check_eq "blocks" "$(stat -f -c %b m)" "$(stat -f -c %b l1)"
case $FSTYPE in
strata) magic=53545241 ;;
overlay) magic=794c7630 ;;
esac
check_eq "magic" "$(stat -f -c %t m)" $magic
