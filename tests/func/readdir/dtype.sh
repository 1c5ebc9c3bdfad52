#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: getdents reports each merged entry's d_type as the owning layer has it
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
mkdir -p l1/d l2/d/sub l3/d
touch l1/d/file
ln -s file l2/d/link
mkfifo l3/d/fifo
mknod l2/d/cdev c 1 3
whiteout l1/d/gone
touch l3/d/gone
mkdir l3/d/file
union m l1 l2 l3
check_eq "dents" "$(strata-probe dents m/d | tr '\n' ' ')" \
	". dir .. dir cdev chr fifo fifo file reg link lnk sub dir "
