#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mount.strata in a user namespace, as rootless podman runs it (mount-program form too): mounts, says it leaves the host's utab alone, and writes nothing there
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
echo data >"$B/l1/f"
utab=/run/mount/utab
# Control: from the host's namespace, the same helper records x-* options.
mkdir "$B/m2"
must mount -t strata -o "lowerdir=$B/l1,x-test=1" none "$B/m2"
grep -q "$B/m2.*x-test=1" "$utab" || fail "the host's mount is not in utab: $(cat "$utab" 2>&1)"
must umount "$B/m2"
before=$(cat "$utab" 2>/dev/null)
# x-* options are what mount(8) keeps in utab; here they must go nowhere.
userns_run "cat m/f" || fail "mount(8) and the helper: $(cat "$T/.err")"
check_eq "read" "$(cat "$T/.out")" data
in_userns "/sbin/mount.strata -v -o $(userns_opts),x-test=1 none $B/m && cat m/f" ||
	fail "the helper with x-test=1: $(cat "$T/.err")"
grep -q "not recorded in utab" "$T/.out" "$T/.err" || fail "no word on utab: $(cat "$T/.out" "$T/.err")"
# The mount-program form: the target alone, options with -o.
in_userns "/sbin/mount.strata -o $(userns_opts) $B/m && cat m/f" ||
	fail "the mount-program form: $(cat "$T/.err")"
check_eq "utab" "$(cat "$utab" 2>/dev/null)" "$before"
