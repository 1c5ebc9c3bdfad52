#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rename between two hard links of one file, before and after copy-up and with RENAME_EXCHANGE, is a no-op or an error, never a loss
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo data >l1/a
ln l1/a l1/b
rwunion m l1
# POSIX makes this a no-op; overlayfs without an index treats lower hard
# links as two files and moves one over the other. Either way b keeps the
# data, and a, if it is still there, too.
for flags in none exchange; do
	r=$(strata-probe rename m/a m/b $flags)
	case $r in ok | ENOENT | ESTALE | EXDEV) ;; *) fail "lower pair, $flags: $r" ;; esac
	check_eq "b after $flags" "$(cat m/b)" data
	[ ! -e m/a ] || check_eq "a after $flags" "$(cat m/a)" data
done
echo up >m/c
ln m/c m/d
check_eq "upper pair" "$(strata-probe rename m/c m/d)" ok
check_eq "exchange upper pair" "$(strata-probe rename m/c m/d exchange)" ok
check_eq "content" "$(cat m/c m/d)" "up
up"
