#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upperdir or workdir that is a regular file is refused with the reason, and the refusal leaves the file and its mount as they were (the clean-log check sees any reference put twice)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir u w m
echo data >file
must_fail mount -i -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/file,workdir=$T/w" none m
must_fail mount -i -t "$FSTYPE" -o "lowerdir=$T/l1,upperdir=$T/u,workdir=$T/file" none m
[ "$FSTYPE" = strata ] && expect_reason "not a directory"
check_eq "the file" "$(cat file)" data
# The scratch mount takes its references back whole: it unmounts.
must rwunion m l1
must umount m
