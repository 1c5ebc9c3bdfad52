#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rmdir refuses a merged directory that is not empty, and removes an empty-looking one with its whiteouts
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
mkdir -p l1/d l2/d l2/full
echo 1 >l1/d/a
echo 2 >l2/d/b
echo 3 >l2/full/c
rwunion m l1 l2
must_fail rmdir m/d
grep -qi "not empty" "$T/.err" || fail "not ENOTEMPTY: $(cat "$T/.err")"
must_fail rmdir m/full
rm m/d/a m/d/b
check_eq "whiteouts inside" "$(upper_tree u)" ". directory
./d directory
./d/a whiteout
./d/b whiteout"
must rmdir m/d
mkdir m/new
must rmdir m/new
check_eq "upper" "$(upper_tree u)" ". directory
./d whiteout"
check_eq "merged" "$(listing m)" full
umount m
work_clean
