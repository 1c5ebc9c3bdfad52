#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, copy-ups that fill a small upper fail with ENOSPC again and again, leave no partial file or workdir entry, and the union still unmounts (CVE-2015-8953)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

need_ext4 small.img small 4M
B=$T/small
mkdir -p "$T/l1" "$B/u" "$B/w" "$B/m"
chmod 0755 "$T/l1" "$B"
chown 1000:1000 "$B/u" "$B/w" "$B/m"
head -c 8388608 /dev/urandom >"$T/l1/big"
echo small >"$T/l1/small"
chown 1000:1000 "$T/l1/big" "$T/l1/small"
USERNS_LOWER=$T/l1
userns_allow
userns_run "for i in 1 2 3; do echo more >>m/big || echo refused; done
	echo fine >>m/small; cat m/small; umount m && echo unmounted"
check_eq "refusals, then a small copy-up" "$(tr '\n' ' ' <"$T/.out")" \
	"refused refused refused small fine unmounted "
grep -qi "no space" "$T/.err" || fail "not ENOSPC: $(cat "$T/.err")"
[ -e "$B/u/big" ] && fail "a partial big is in the upper"
if [ "$FSTYPE" = strata ]; then
	left=$(ls -A "$B/w/work")
	[ -z "$left" ] || fail "left in the workdir: $left"
fi
true
