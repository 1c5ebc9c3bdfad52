#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, the namespace's root is no one on the host's files: setattr, open for write, reading a 0600 file and listing a 0711 dir of root's fail as on the bare fs, with no copy-up (CVE-2015-8660, CVE-2018-16597, CVE-2020-16120, CVE-2018-6559)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
echo public >"$B/l1/pub"
echo secret >"$B/l1/secret"
chmod 0600 "$B/l1/secret"
mkdir "$B/l1/hidden"
touch "$B/l1/hidden/name"
chmod 0711 "$B/l1/hidden"

# Each alone, so that one refusal does not hide another's success.
for op in "chmod u+s m/pub" "chown 0:0 m/pub" "truncate -s 0 m/pub" \
	"touch -d @0 m/pub" "sh -c ': >m/pub'" "cat m/secret" \
	"chmod 0644 m/secret" "ls m/hidden"; do
	userns_run "$op" && fail "as the namespace's root: $op succeeded"
	grep -q -e "not permitted" -e "denied" "$T/.err" || fail "$op: $(cat "$T/.err")"
done
[ -z "$(ls -A "$B/u")" ] || fail "refusals copied up: $(ls -A "$B/u")"
check_eq "lower" "$(cat "$B/l1/pub") $(stat -c %a "$B/l1/pub")" "public 644"
# What the host's permissions allow still works: reading, and a lookup
# in the 0711 dir by name.
userns_run "cat m/pub && stat -c %n m/hidden/name" || fail "allowed reads: $(cat "$T/.err")"
check_eq "allowed" "$(tr '\n' ' ' <"$T/.out")" "public m/hidden/name "
