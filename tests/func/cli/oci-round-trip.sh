#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: umoci-made OCI layers: strata import, mount, change, strata export, re-import; the same steps on the kernel's overlay give the same views, diffs and tarballs
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

fixture=/strata/fixtures/oci
[ -f "$fixture/layer3.tar.gz" ] || fail "no OCI fixture in the guest image"

# A layer store on ext4, as container engines keep one: the fixture has
# user.* xattrs, which 6.1's tmpfs cannot hold.
need_ext4 store.img store
cd store || fail "no store"
T=$T/store
for n in 1 2 3; do
	must strata import "$fixture/layer$n.tar.gz" "$T/layer$n"
done
check_eq "user xattr kept" "$(getfattr --only-values -n user.fixture layer1/etc/os-release)" base
# umoci wrote .wh.NAME files: they must arrive as overlayfs whiteouts.
[ -c layer2/var/log ] && [ "$(stat -c %t:%T layer2/var/log)" = 0:0 ] ||
	fail "layer2/var/log is not a whiteout: $(stat -c %F layer2/var/log 2>&1)"
[ -e layer2/etc/app.d/.wh.2.conf ] && fail ".wh. file kept as a file"
check_eq "setuid bit kept" "$(stat -c %a layer1/bin/su-tool)" 4755
check_eq "owner kept" "$(stat -c %u:%g layer1/usr/share/doc/README)" 1000:1000
check_eq "hard link kept" "$(stat -c %h layer1/usr/lib/app/data.bin)" 2

lowers=$T/layer3:$T/layer2:$T/layer1

# change FS: what a container does to its root, on FS.
change() {
	fs=$1
	mkdir -p "$T/$fs/m" "$T/$fs/u" "$T/$fs/w"
	mount -t "$fs" -o "lowerdir=$lowers,upperdir=$T/$fs/u,workdir=$T/$fs/w" none "$T/$fs/m" ||
		fail "mount $fs"
	m=$T/$fs/m
	echo "ID=container" >"$m/etc/os-release"	# copy-up of a changed lower file
	rm "$m/bin/sh"					# whiteout
	rm -r "$m/etc/app.d"				# a merged dir...
	mkdir "$m/etc/app.d"				# ...made again: opaque
	echo new >"$m/etc/app.d/new.conf"
	mkdir -p "$m/srv/data"				# new tree
	echo payload >"$m/srv/data/file"
	ln "$m/srv/data/file" "$m/srv/data/file.link"
	ln -s ../srv/data/file "$m/opt/link"
	chmod 0700 "$m/opt/app"				# metadata-only copy-up
	mkfifo "$m/srv/fifo"
	snapshot "$m" >"$T/$fs.view"
	umount "$m" || fail "umount $fs"
	strata diff --lowerdir "$lowers" "$T/$fs/u" >"$T/$fs.diff" 2>"$T/.err" ||
		fail "strata diff on $fs's upper: $(cat "$T/.err")"
	strata export "$T/$fs/u" "$T/$fs.tar" 2>"$T/.err" || fail "strata export of $fs's upper: $(cat "$T/.err")"
	# tar's listing without times: names, types, modes, owners, sizes.
	tar -tvf "$T/$fs.tar" | awk '{ $4 = $5 = ""; print }' | sort >"$T/$fs.tarlist"
	strata import "$T/$fs.tar" "$T/$fs/re" 2>"$T/.err" || fail "re-import of $fs's export: $(cat "$T/.err")"
	mkdir -p "$T/$fs/rm"
	mount -t strata -o "lowerdir=$T/$fs/re:$lowers" none "$T/$fs/rm" || fail "mount re-imported $fs layer"
	snapshot "$T/$fs/rm" >"$T/$fs.review"
	umount "$T/$fs/rm"
}
trap 'umount "$T/strata/m" "$T/overlay/m" "$T/strata/rm" "$T/overlay/rm" 2>/dev/null; cd /; umount "$T"' EXIT

change strata
change overlay

for what in view diff tarlist; do
	diff "$T/overlay.$what" "$T/strata.$what" >"$T/.d" ||
		fail "strata and overlay differ in $what: $(cat "$T/.d")"
done
diff "$T/strata.view" "$T/strata.review" >"$T/.d" ||
	fail "export + re-import changed the view: $(cat "$T/.d")"
grep -q '^D /bin/sh$' strata.diff || fail "diff: no D /bin/sh: $(cat strata.diff)"
grep -q '^A /srv/data/file$' strata.diff || fail "diff: no A /srv/data/file: $(cat strata.diff)"
grep -q '^C /etc/os-release$' strata.diff || fail "diff: no C /etc/os-release: $(cat strata.diff)"
grep -q 'etc/app.d/.wh..wh..opq' strata.tarlist || fail "export: no opaque marker: $(cat strata.tarlist)"
grep -q 'bin/.wh.sh' strata.tarlist || fail "export: no whiteout file: $(cat strata.tarlist)"
