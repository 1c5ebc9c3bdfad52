#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an access through the union updates the upper object's atime (relatime), for symlinks and directories too, as in overlayfs; a lower object's stays
. "$STRATA_TESTS/lib/func.sh"

old=946684800	# 2000-01-01: older than any mtime here, so relatime updates
mklayers 1
ln -s target l1/lowlink
touch -h -a -d @$old l1/lowlink
rwunion m l1
must ln -s target m/link
must mkdir m/dir
must touch m/dir/entry
must touch -h -a -d @$old m/link
must touch -a -d @$old m/dir
check_eq "upper symlink atime before" "$(stat -c %X u/link)" $old

readlink m/link >/dev/null
readlink m/lowlink >/dev/null
ls m/dir >/dev/null
[ "$(stat -c %X u/link)" -gt $old ] || fail "reading the symlink left the upper's atime at $(stat -c %X u/link)"
[ "$(stat -c %X u/dir)" -gt $old ] || fail "listing the directory left the upper's atime at $(stat -c %X u/dir)"
check_eq "union shows the upper's atime" "$(stat -c %X m/link)" "$(stat -c %X u/link)"
check_eq "lower symlink atime" "$(stat -c %X l1/lowlink)" $old
[ -e u/lowlink ] && fail "an access copied the lower symlink up"
true
