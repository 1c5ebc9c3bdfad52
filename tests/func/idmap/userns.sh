#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user-namespace mount over an idmapped lower (stored root shown as the user, the namespace's root): the namespace sees its own root's files, copies them up as the user, and a file whose owner neither maps cannot be written (EACCES) or copied up
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"
. "$STRATA_TESTS/lib/idmap.sh"

idmap_src
B=$T/src
chmod 0755 "$B" "$B/l"
chown 1000:1000 "$B/u" "$B/w"
mkdir "$B/m" && chown 1000:1000 "$B/m"
echo image >"$B/l/f"
echo other >"$B/l/g"
chown 5:5 "$B/l/g"
chmod 0666 "$B/l/g"
idmapped "$B/l" "$T/idl" 0:1000:1
USERNS_LOWER=$T/idl
userns_allow

userns_run "stat -c '%n %u:%g' m/f m/g; echo more >>m/f; stat -c %u:%g m/f; cat m/f" ||
	fail "in the namespace: $(cat "$T/.err")"
check_eq "seen in the namespace" "$(tr '\n' ' ' <"$T/.out")" \
	"m/f 0:0 m/g 65534:65534 0:0 image more "
check_eq "the copy, stored" "$(stat -c %u:%g "$B/u/f")" 1000:1000
userns_run "echo x >>m/g" && fail "a file with no owner in the namespace was copied up"
grep -q "Permission denied" "$T/.err" || fail "not EACCES: $(cat "$T/.err")"
[ -e "$B/u/g" ] && fail "g reached the upper"
true
