#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: in a user namespace, rename onto a hard link of itself, before and after copy-up: success with no change or an error, the data kept (CVE-2016-6197, CVE-2016-6198)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
echo data >"$B/l1/a"
ln "$B/l1/a" "$B/l1/b"
chown 1000:1000 "$B/l1/a"
userns_run "mv -f m/a m/b; cat m/b; echo x >>m/b; ln m/b m/c && mv -f m/b m/c; cat m/c" || fail "renames: $(cat "$T/.err")"
check_eq "data" "$(tr '\n' ' ' <"$T/.out")" "data data x "
check_eq "lower" "$(cat "$B/l1/a" "$B/l1/b" | tr '\n' ' ')" "data data "
