#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: copy-up keeps mode, owner, group and mtime of the lower file
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo x >l1/f
chown 1000:1000 l1/f
chmod 4751 l1/f
touch -d "2001-02-03 04:05:06" l1/f
want=$(stat -c '%a %u %g %Y %s' l1/f)
rwunion m l1
# A new xattr is a change that needs the copy but leaves the rest alone.
must setfattr -n trusted.strata-test -v 1 m/f
check_eq "upper" "$(stat -c '%a %u %g %Y %s' u/f)" "$want"
check_eq "merged" "$(stat -c '%a %u %g %Y %s' m/f)" "$want"
check_eq "xattr" "$(getfattr --only-values -n trusted.strata-test m/f)" 1
