#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: processes renaming, unlinking and creating between two names while the target flips between file, whiteout and absent: no oops, a working mount (CVE-2021-20321)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
mkdir l1/d
echo lower >l1/d/a
echo lower >l1/d/b
rwunion m l1
end=$(($(date +%s) + 10))
worker() {
	while [ "$(date +%s)" -lt "$end" ]; do
		"$@" 2>/dev/null
	done
}
worker mv m/d/a m/d/b &
worker mv m/d/b m/d/a &
worker strata-probe rename m/d/a m/d/b exchange >/dev/null &
worker rm -f m/d/a &
worker sh -c "echo new >$T/m/d/b" &
worker cat m/d/a m/d/b >/dev/null &
wait
ls m/d >/dev/null || fail "the directory no longer lists"
echo final >m/d/a
check_eq "usable" "$(cat m/d/a)" final
umount m || fail "umount after the race"
