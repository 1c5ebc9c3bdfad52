#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, fallocate, FICLONE, copy_file_range, utimensat and chattr on the namespace root's own lower files copy them up or fail; the lower never changes
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
for f in a b c d e src; do echo "$f" >"$B/l1/$f"; done
chown 1000:1000 "$B"/l1/?
chown 1000:1000 "$B/l1/src"
before=$(snapshot "$B/l1")
userns_run "{ strata-probe fallocate m/a 0 8192; strata-probe ficlone m/src m/b
	strata-probe copy-range m/src m/c; touch -d 2000-01-01 m/d; chattr +A m/e; } >/dev/null 2>&1
	cat m/c"
check_eq "lower" "$(snapshot "$B/l1")" "$before"
check_eq "copied" "$(cat "$T/.out")" src
