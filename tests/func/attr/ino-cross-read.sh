#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: strata and the kernel's overlay read each other's uppers with the same st_ino, nlink and d_ino, and write the same origin and impure records
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

[ -z "${STRATA_LOWER_VIEW:-}" ] || skip "lowers on NFS: see attr/ino-origin-unfollowable"

# populate LOWER...: the same layer contents in each lower set.
populate() {
	mkdir -p "$1/d/sub" "$1/e" "$2/d/deep/er"
	echo f >"$1/d/f"
	echo g >"$1/d/g"
	echo h >"$1/d/h1"
	ln "$1/d/h1" "$1/d/h2"
	ln -s f "$1/d/sym"
	echo x >"$2/d/deep/er/x"
	echo y >"$2/top"
}
# changes MNT: the same changes through either filesystem.
changes() {
	echo 1 >>"$1/d/f"
	chmod 600 "$1/d/g"
	mv "$1/d/g" "$1/e/g"
	echo 2 >>"$1/d/h1"
	chown -h 1:1 "$1/d/sym"
	echo 3 >>"$1/d/deep/er/x"
	ln "$1/d/deep/er/x" "$1/e/x-link"
	touch "$1/top" "$1/d/sub/new"
}
# view MNT: every path with st_ino and nlink, then each directory's d_ino.
view() {
	(cd "$1" && find . | sort | while read -r p; do
		echo "$p $(stat -c '%i %h' "$p")"
	done
	# The root's "..": overlay shows the number of the upper directory's
	# own parent, outside the union; strata the root's, as a root has.
	find . -type d | sort | while read -r p; do
		echo "dir $p"
		strata-probe dents-ino "$p" >"$T/.dents" || echo "dents-ino $p failed"
		if [ "$p" = . ]; then grep -v '^\.\. ' "$T/.dents"; else cat "$T/.dents"; fi
	done)
}
# records UPPER: the overlay.* xattrs of every upper path, as hex, a line
# each ("PATH NAME=VALUE"), sorted; the handles keep their header and uuid
# only, as the two lower sets are distinct inodes. overlay 6.12 also keeps
# a union uuid on the upper root, which strata does not write.
records() {
	(cd "$1" && getfattr -R -h -d -m '^trusted\.overlay\.' -e hex . 2>/dev/null) |
		awk '/^# file: / { f = $3 } /^trusted/ { print f, $0 }' |
		grep -v ' trusted.overlay.uuid=' |
		sed -E 's/(origin=0x00fb..00..[0-9a-f]{32})[0-9a-f]*/\1/' | sort
}
# mnt FSTYPE SET [OPTS]: mounts lower set SET's union at $T/m.
mnt() {
	mkdir -p m
	mount -t "$1" -o "lowerdir=$T/$2/l1:$T/$2/l2,upperdir=$T/$2/u,workdir=$T/$2/w${3:+,$3}" \
		none m 2>.err || fail "mount -t $1 ($2): $(cat .err)"
}

# scenario NAME [OVERLAY_OPTS]: strata writes set NAME-s and overlay set
# NAME-o, from the same contents; then each reads what the other wrote.
scenario() {
	s=$1-s o=$1-o
	mnt strata "$s"
	changes m
	view m >"$s-by-strata"
	umount m
	mnt overlay "$s" "${2:-}"
	view m >"$s-by-overlay"
	umount m
	mnt overlay "$o" "${2:-}"
	changes m
	view m >"$o-by-overlay"
	umount m
	mnt strata "$o"
	view m >"$o-by-strata"
	umount m

	diff "$s-by-strata" "$s-by-overlay" >.diff ||
		fail "$1: overlay reads strata's upper differently: $(cat .diff)"
	diff "$o-by-overlay" "$o-by-strata" >.diff ||
		fail "$1: strata reads overlay's upper differently: $(cat .diff)"
	! grep MISMATCH "$s-by-strata" "$o-by-strata" ||
		fail "$1: d_ino differs from st_ino"
	records "$s/u" >"$s-records"
	records "$o/u" >"$o-records"
	diff "$s-records" "$o-records" >.diff ||
		fail "$1: the records differ: $(cat .diff)"
	grep -q 'trusted.overlay.origin=' "$s-records" ||
		fail "$1: no origin records at all: $(cat "$s-records")"
}

# Every layer on one filesystem.
for set in one-s one-o; do
	mkdir -p "$set/l1" "$set/l2" "$set/u" "$set/w"
	populate "$set/l1" "$set/l2"
done
scenario one
# The bottom lower on a filesystem of its own: inode numbers carry its
# fsid in their top bits (overlay's xino; strata always numbers so).
# One such filesystem for both sets, so that their records name the same.
mkdir fs2
mount -t tmpfs fs2 fs2 || fail "mount tmpfs"
for set in two-s two-o; do
	mkdir -p "$set/l1" "$set/l2" "$set/u" "$set/w" "fs2/$set"
	mount --bind "fs2/$set" "$set/l2" || fail "bind mount"
	populate "$set/l1" "$set/l2"
done
scenario two xino=on
# Every layer on ext4, two of them: 32-bit inode numbers leave the top
# half free, and overlay puts the fsid above bit 32.
need_ext4 e4a.img e4a
need_ext4 e4b.img e4b
for set in e4-s e4-o; do
	mkdir -p "e4a/$set" "$set" "e4b/$set"
	mount --bind "e4a/$set" "$set" || fail "bind mount"
	mkdir -p "$set/l1" "$set/l2" "$set/u" "$set/w"
	mount --bind "e4b/$set" "$set/l2" || fail "bind mount"
	populate "$set/l1" "$set/l2"
done
scenario e4 xino=on
high=$(stat -c %i e4-s/l2/d/deep/er/x)
[ "$(grep '^\./d/deep/er/x ' e4-s-by-strata | cut -d' ' -f2)" -gt 4294967295 ] ||
	fail "e4: x ($high on its ext4) is not numbered above 32 bits: $(grep 'er/x ' e4-s-by-strata)"
