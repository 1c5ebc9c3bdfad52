#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: AIO reads with the fd closed in flight, and mappings that outlive their fd and a copy-up, keep the real files alive (CVE-2019-15794, CVE-2023-1252)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
head -c 2097152 /dev/urandom >l1/f
cp l1/f l1/g
sum=$(strata-probe read-sum l1/g)
rwunion m l1
check_eq "aio on a lower file" "$(strata-probe aio-close m/f 50)" ok
echo more >>m/f
check_eq "aio on the copy" "$(strata-probe aio-close m/f 50)" ok
# mmap-sum maps, closes the fd, then reads the mapping; a copy-up of the
# same file runs meanwhile.
strata-probe mmap-sum m/g >"$T/sum" &
chmod 600 m/g
wait
check_eq "mapping" "$(cat "$T/sum")" "$sum"
check_eq "after copy-up" "$(strata-probe mmap-sum m/g)" "$sum"
