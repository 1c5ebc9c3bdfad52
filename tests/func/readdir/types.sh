#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: ls -l through the union shows each entry's type as on the layers
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d/sub
touch l1/d/file
ln -s file l2/d/link
mkfifo l2/d/fifo
union m l1 l2
check_eq "types" "$(ls -l m/d | awk 'NR > 1 { print substr($1, 1, 1) $NF }' | sort | tr '\n' ' ')" \
	"-file dsub lfile pfifo "
