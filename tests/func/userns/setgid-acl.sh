#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: in a user namespace, files and dirs created in a setgid directory with a default ACL get the mode, group and ACL of the bare fs there, over a whiteout too (CVE-2016-1575)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir -p "$B/bare/sg" "$B/l1/sg"
echo x >"$B/l1/sg/was-here"
for d in "$B/bare/sg" "$B/l1/sg"; do
	chown 1000:1000 "$d"
	chmod 2777 "$d"
	setfacl -d -m u::rwx,g::r-x,o::- "$d" 2>/dev/null || skip "no ACLs on $B"
done
chown 1000:1000 "$B/bare"
# describe PATH: mode, group and ACL, as the namespace sees them.
describe='d() { echo "$(stat -c "%A %g" "$1") $(getfacl -pn --omit-header "$1" | tr "\n" " ")"; }'
userns_run "$describe
	rm -f m/sg/was-here &&
	for dir in bare/sg m/sg; do
		(umask 022; echo f >\$dir/file; mkdir \$dir/dir; echo w >\$dir/was-here) || exit 1
	done &&
	for n in file dir was-here; do d m/sg/\$n; d bare/sg/\$n; done" ||
	fail "in the namespace: $(cat "$T/.err")"
# Lines go in pairs: the union's, then the bare fs's.
paste - - <"$T/.out" | while IFS="$(printf '\t')" read -r union bare; do
	[ "$union" = "$bare" ] || { echo "union [$union] bare [$bare]"; exit 1; }
done || fail "differs from the bare fs: $(cat "$T/.out")"
[ "$(wc -l <"$T/.out")" -eq 6 ] || fail "expected six lines: $(cat "$T/.out")"
