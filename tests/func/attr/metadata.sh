#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mode, owner, size and mtime come from the real file
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
printf 12345 >l1/f
chmod 0640 l1/f
chown 1000:1000 l1/f
touch -d '2020-01-02 03:04:05' l1/f
union m l1 l2
check_eq "stat" "$(stat -c '%a %u %g %s %Y' m/f)" "$(stat -c '%a %u %g %s %Y' l1/f)"
