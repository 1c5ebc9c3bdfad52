#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user-namespace union works as a root's does: reads, copy-up, whiteouts and opaque dirs in user.overlay.*, nothing in trusted.*, owners seen through the namespace
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir -p "$B/l1/dir/sub" "$B/l1/gone"
echo lower >"$B/l1/dir/file"
echo old >"$B/l1/gone/x"
echo rm >"$B/l1/rmme"
chown -R 1000:1000 "$B/l1/dir" "$B/l1/gone" "$B/l1/rmme"
chmod -R a+rX "$B/l1"
echo root >"$B/l1/roots"

userns_run "
	cat m/dir/file && stat -c '%u:%g' m/dir/file m/roots &&
	echo more >>m/dir/file && rm m/rmme && rm -r m/gone && mkdir m/gone &&
	touch m/gone/new && ls -A m/gone && cat m/dir/file
" || fail "in the union: $(cat "$T/.err")"
check_eq "what the user saw" "$(cat "$T/.out")" "lower
0:0
65534:65534
new
lower
more"
check_eq "lower untouched" "$(cat "$B/l1/dir/file")" lower
check_eq "copy in the upper" "$(stat -c '%u %s' "$B/u/dir/file")" "1000 11"
check_eq "whiteout" "$(stat -c '%F %t:%T %u' "$B/u/rmme")" "character special file 0:0 1000"
check_eq "opaque mark" "$(getfattr --only-values -n user.overlay.opaque "$B/u/gone")" y
no_trusted_overlay "$B/u"
# The union still shows it after a fresh mount in a new namespace.
userns_run "ls -A m; echo --; ls -A m/gone" || fail "second mount: $(cat "$T/.err")"
check_eq "after remount" "$(tr '\n' ' ' <"$T/.out")" "dir gone roots -- new "
