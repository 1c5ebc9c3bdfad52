#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: index=on: strata and the kernel's overlay read each other's uppers and indexes with the same contents, st_ino, link counts and d_ino, and write the same records
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: a null uuid turns index=on off (see index/mount-checks)"

populate() {
	mkdir -p "$1/d" "$1/e"
	for f in a p q; do
		echo "$f" >"$1/d/$f"
		ln "$1/d/$f" "$1/d/$f-2"
		ln "$1/d/$f" "$1/e/$f-3"
	done
	echo s >"$1/d/single"
}
changes() {
	echo 1 >>"$1/d/a"	# copied to the index, linked at a
	echo 2 >>"$1/e/a-3"	# linked at a-3 too
	rm "$1/d/p"		# p's copy counts two names
	ln "$1/d/q" "$1/e/q-new"	# four names
	mv "$1/d/single" "$1/d/q-2"	# three
	echo 3 >>"$1/d/single-new"
}
view() {
	(cd "$1" && find . | sort | while read -r p; do
		echo "$p $(stat -c '%i %h' "$p") $([ -f "$p" ] && md5sum <"$p" | cut -c1-8)"
	done
	find . -type d | sort | while read -r p; do
		echo "dir $p"
		strata-probe dents-ino "$p" | grep -v '^\.\. ' || echo "dents-ino $p failed"
	done)
}
# The records on the upper and the index entries: names and counts. The
# handles differ between the two sets (other inodes); their header stays.
records() {
	(cd "$1/u" && getfattr -R -h -d -m '^trusted\.overlay\.' -e hex . 2>/dev/null) |
		awk '/^# file: / { f = $3 } /^trusted/ { print f, $0 }' |
		grep -v ' trusted.overlay.uuid=' |
		sed -E 's/(origin=0x00fb..00..[0-9a-f]{32})[0-9a-f]*/\1/' | sort
	index_entries "$1/w" | while read -r e; do
		e=$1/w/index/$e
		echo "entry $(stat -c %h "$e") $(getfattr --only-values -n trusted.overlay.nlink "$e") $(md5sum <"$e" | cut -c1-8)"
	done | sort
}
mnt() {
	mkdir -p m
	mount -t "$1" -o "lowerdir=$T/$2/l,upperdir=$T/$2/u,workdir=$T/$2/w,index=on" none m 2>.err ||
		fail "mount -t $1 ($2): $(cat .err)"
}

for set in s o; do
	mkdir -p "$set/l" "$set/u" "$set/w"
	populate "$set/l"
done
# round SET WRITER READER: WRITER makes the changes in SET and views it,
# then READER views it: SET-by-WRITER, SET-by-READER.
round() {
	mnt "$2" "$1"
	changes m
	view m >"$1-by-$2"
	umount m
	mnt "$3" "$1"
	view m >"$1-by-$3"
	umount m
}
round s strata overlay
round o overlay strata

diff s-by-strata s-by-overlay >.diff || fail "overlay reads strata's upper differently: $(cat .diff)"
diff o-by-overlay o-by-strata >.diff || fail "strata reads overlay's upper differently: $(cat .diff)"
grep MISMATCH s-by-strata o-by-strata && fail "d_ino differs from st_ino"
records s >s-records
records o >o-records
diff s-records o-records >.diff || fail "the records differ: $(cat .diff)"
grep -q '^entry ' s-records || fail "no index entries: $(cat s-records)"
# Numbers are the lower's: the set's own a and its view agree.
check_eq "a's number" "$(grep '^\./d/a ' s-by-strata | cut -d' ' -f2)" "$(stat -c %i s/l/d/a)"
