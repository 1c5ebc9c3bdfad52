#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: many processes copying up the same file at once do it once: one upper file, the right bytes, a clean workdir
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
head -c 4194304 /dev/urandom >l1/big
sum=$(md5sum <l1/big)
rwunion m l1
i=0
while [ $i -lt 8 ]; do
	chmod 644 m/big &
	i=$((i + 1))
done
wait
check_eq "merged" "$(md5sum <m/big)" "$sum"
check_eq "upper" "$(md5sum <u/big)" "$sum"
check_eq "upper entries" "$(ls u)" big
umount m
work_clean
