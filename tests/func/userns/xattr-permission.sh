#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, xattrs go through the permission-checked path: trusted.*, security.* on others' files and the union's own user.overlay.* names are refused, and nothing is copied up for a refusal (CVE-2023-2640, CVE-2023-32629)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
echo mine >"$B/l1/mine"
chown 1000:1000 "$B/l1/mine"
echo root >"$B/l1/roots"
chmod 0666 "$B/l1/roots"
mkdir "$B/l1/dir"
chown 1000:1000 "$B/l1/dir"

# The union's own names: overlay since 6.7 takes them, escaped for a
# nested union (README, "Where Strata differs from overlayfs").
own='"user.overlay.opaque -v y m/dir" "user.overlay.origin -v x m/mine"'
overlay_since 6 7 && own=
eval "set -- $own"
for attempt in "trusted.overlay.opaque -v y m/dir" "trusted.foo -v 1 m/mine" \
	"security.foo -v 1 m/roots" "user.foo -v 1 m/roots" "$@"; do
	userns_run "setfattr -n $attempt" && fail "setfattr -n $attempt succeeded"
done
[ -z "$(ls -A "$B/u")" ] || fail "a refused xattr copied up: $(ls -A "$B/u")"
# The user's own xattr on its own file works, and is copied up as it is.
userns_run "setfattr -n user.note -v kept m/mine && getfattr --only-values -n user.note m/mine" ||
	fail "user.* on the user's file: $(cat "$T/.err")"
check_eq "read back" "$(cat "$T/.out")" kept
check_eq "upper" "$(getfattr --only-values -n user.note "$B/u/mine")" kept
# The union's own names are not shown.
userns_run "rm -r m/dir && mkdir m/dir && getfattr -d -m - m/dir" ||
	fail "listing: $(cat "$T/.err")"
grep -q overlay "$T/.out" && fail "user.overlay.* shown through the union: $(cat "$T/.out")"
check_eq "opaque on disk" "$(getfattr --only-values -n user.overlay.opaque "$B/u/dir")" y
no_trusted_overlay "$B/u"
