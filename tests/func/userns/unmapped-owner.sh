#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a set-id file whose owner the namespace cannot map, on a nosuid lower, cannot be copied up from a user namespace: EOVERFLOW, nothing in the upper (CVE-2023-0386)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir "$T/src"
cp /bin/busybox "$T/src/suid"
chmod 6777 "$T/src/suid"	# root's, set-id, writable by anyone
mount --bind "$T/src" "$B/l1"
mount -o remount,bind,nosuid "$B/l1"

userns_run "stat -c '%a %u:%g' m/suid; echo x >>m/suid" &&
	fail "the user's write to root's set-id file went through"
check_eq "seen in the namespace" "$(cat "$T/.out")" "6777 65534:65534"
grep -q "Value too large" "$T/.err" || fail "not EOVERFLOW: $(cat "$T/.err")"
userns_run "touch m/suid || chmod 0777 m/suid || truncate -s 0 m/suid" &&
	fail "a copy-up of root's file succeeded"
[ -e "$B/u/suid" ] && fail "root's set-id file reached the upper: $(stat -c '%a %u' "$B/u/suid")"
check_eq "lower untouched" "$(stat -c '%a %s' "$T/src/suid")" "6777 $(stat -c %s /bin/busybox)"
true
