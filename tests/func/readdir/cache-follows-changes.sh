#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: listings of merged directories over 2 and 40 layers follow every change (create, unlink, mkdir, rmdir, rename in and out, copy-up, whiteouts) at the next opendir, with lookups many times over so that lower-name indexes are in use
. "$STRATA_TESTS/lib/func.sh"

# listed WHAT NAME: whether a fresh listing of m/d shows NAME.
listed() {
	ls -A m/d | grep -qx "$1"
}

for n in 2 40; do
	rm -rf "$T"/l* "$T/u" "$T/w"
	mklayers $n
	i=1
	while [ $i -le $n ]; do
		mkdir -p "l$i/d/sub"
		echo "$i" >"l$i/d/f$i"
		i=$((i + 1))
	done
	echo bottom >"l$n/d/g"
	rwunion m $(i=1; while [ $i -le $n ]; do printf 'l%s ' $i; i=$((i + 1)); done)
	# Many lookups, hits and misses, before and between the changes.
	for round in 1 2 3; do
		i=1
		while [ $i -le $n ]; do
			[ -f "m/d/f$i" ] || fail "$n layers: f$i missing"
			[ -e "m/d/nope$i.$round" ] && fail "$n layers: nope$i exists"
			i=$((i + 1))
		done
	done
	before=$(listing m/d)
	touch m/d/new
	listed new || fail "$n: created file not listed"
	rm m/d/new
	check_eq "$n: listing after create and unlink" "$(listing m/d)" "$before"
	rm "m/d/f$n"
	listed "f$n" && fail "$n: f$n still listed after rm (a whiteout now)"
	[ -e "m/d/f$n" ] && fail "$n: f$n found after rm"
	mkdir m/d/newdir
	listed newdir || fail "$n: mkdir not listed"
	rmdir m/d/newdir
	listed newdir && fail "$n: rmdir still listed"
	mv m/d/f1 m/d/moved
	listed f1 && fail "$n: renamed-away name still listed"
	listed moved || fail "$n: renamed-to name not listed"
	mv m/d/moved m/moved-out
	listed moved && fail "$n: moved-out name still listed"
	ls m | grep -qx moved-out || fail "$n: moved-in name not listed in the root"
	chmod 600 m/d/g	# copy-up: the name stays, listed once
	check_eq "$n: listed once after copy-up" "$(ls m/d | grep -cx g)" 1
	rm -r m/d/sub
	listed sub && fail "$n: removed merged dir still listed"
	mkdir m/d/sub
	check_eq "$n: recreated dir is empty (opaque)" "$(ls -A m/d/sub)" ""
	umount m || fail "umount"
done
