#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, processes renaming, unlinking and creating between two names while the target flips between file, whiteout and absent: no oops, a working mount (CVE-2021-20321)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir "$B/l1/d"
echo lower >"$B/l1/d/a"
echo lower >"$B/l1/d/b"
chown -R 1000:1000 "$B/l1/d"
userns_run "end=\$((\$(date +%s) + 6))
	worker() { while [ \$(date +%s) -lt \$end ]; do \"\$@\" >/dev/null 2>&1; done; }
	worker mv m/d/a m/d/b & worker mv m/d/b m/d/a &
	worker strata-probe rename m/d/a m/d/b exchange &
	worker rm -f m/d/a & worker sh -c 'echo new >m/d/b' &
	worker cat m/d/a m/d/b &
	wait
	ls m/d >/dev/null && echo final >m/d/a && cat m/d/a && umount m && echo unmounted" ||
	fail "after the race: $(cat "$T/.err")"
check_eq "usable, then unmounted" "$(tr '\n' ' ' <"$T/.out")" "final unmounted "
