#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: one lower layer alone mounts read-only (overlayfs 6.1 demands two)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo only >l1/f
union m l1
check_eq "content" "$(cat m/f)" only
