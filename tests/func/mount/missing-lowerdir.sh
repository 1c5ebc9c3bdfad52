#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a layer directory that does not exist is refused with ENOENT, naming it
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir m u w
must_fail mount -t "$FSTYPE" -o lowerdir=l1:"$T/nope" none m
expect_reason "nope"
grep -q " $T/m " /proc/mounts && fail "mounted anyway"
# The path lookup's own error, as overlayfs gives it, for every layer kind.
check_eq "lowerdir" "$(strata-probe mount-err "$FSTYPE" "lowerdir=$T/l1:$T/nope" m)" ENOENT
check_eq "upperdir" "$(strata-probe mount-err "$FSTYPE" \
	"lowerdir=$T/l1,upperdir=$T/nope,workdir=$T/w" m)" ENOENT
check_eq "workdir" "$(strata-probe mount-err "$FSTYPE" \
	"lowerdir=$T/l1,upperdir=$T/u,workdir=$T/nope" m)" ENOENT
exit 0
