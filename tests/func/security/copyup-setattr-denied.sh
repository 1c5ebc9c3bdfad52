#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user's chmod u+s, chown, truncate and utimes on a root-owned lower file fail with no copy-up (CVE-2015-8660)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo root-data >l1/f
chmod 0755 "$T" l1
rwunion m l1
chmod 0755 u
for cmd in "chmod u+s m/f" "chown 1000 m/f" "truncate -s 0 m/f" \
	"touch -d 2000-01-01 m/f" "setfattr -n user.x -v 1 m/f"; do
	# shellcheck disable=SC2086
	must_fail as_user $cmd
done
check_eq "upper" "$(upper_tree u)" ". directory"
check_eq "lower" "$(cat l1/f) $(stat -c %a l1/f)" "root-data 644"
