#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: strata import refuses malformed layer tarballs (path traversal, absolute names, symlink and hardlink tricks, huge names, bad whiteouts, truncated gzip) with one clear line, writing nothing anywhere
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

dir=/strata/fixtures/oci/malformed
[ -d "$dir" ] || fail "no malformed fixtures in the guest image"
mkdir -p deep/er
rm -f /tmp/escape
for tarball in "$dir"/*; do
	name=$(basename "$tarball")
	must_fail strata import "$tarball" "$T/deep/er/dst"
	check_eq "$name: lines of error" "$(wc -l <"$T/.err")" 1
	grep -q "^strata import: $tarball: entry '" "$T/.err" || fail "$name: message: $(cat "$T/.err")"
	[ -e "$T/deep/er/dst" ] && fail "$name: left the layer directory behind: $(ls -lA "$T/deep/er/dst")"
	for p in /tmp/escape "$T/deep/er/escape" "$T/deep/escape" "$T/escape"; do
		[ -e "$p" ] && fail "$name: wrote $p"
	done
	echo "$name: $(cat "$T/.err")"
done
check_eq "nothing else in the work area" "$(ls -A deep/er)" ""
