#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: fallocate copies a lower file up and grows it; fsync, fdatasync, syncfs and sync reach the upper
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo x >l1/f
rwunion m l1
check_eq "fallocate" "$(strata-probe fallocate m/f 0 65536)" ok
check_eq "size" "$(stat -c %s m/f u/f)" "65536
65536"
check_eq "lower" "$(stat -c %s l1/f)" 2
must sync m/f
must sync -d m/f
must sync -f m/f
must sync m
must sync
