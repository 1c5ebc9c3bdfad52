#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a lower on an idmapped mount (stored ids 0.. shown as 100000.., as for a user-namespace pod) shows the mapped owners, grants access by them, and a copy-up gives the copy the mapped owner (a set-uid file of the stored root stays the mapped root's); an id the mapping lacks shows as the overflow id and its file cannot be written, even by root (EACCES), so it is never copied up
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/idmap.sh"

idmap_src
echo root-file >src/l/f
echo user-file >src/l/g
chown 5:7 src/l/g
mkdir src/l/d
chmod 0700 src/l/d
echo private >src/l/d/p
chmod 0600 src/l/d/p
cp /bin/busybox src/l/su
chmod 4755 src/l/su
echo outside >src/l/far
chown 70000:70000 src/l/far
chmod 0666 src/l/far
idmapped "$T/src/l" "$T/idl" 0:100000:65536
must mount -t "$FSTYPE" -o "lowerdir=$T/idl,upperdir=$T/src/u,workdir=$T/src/w" none m

check_eq "owners in the union" "$(stat -c '%n %u:%g' m/f m/g m/d m/d/p | tr '\n' ' ')" \
	"m/f 100000:100000 m/g 100005:100007 m/d 100000:100000 m/d/p 100000:100000 "
check_eq "an id the mapping lacks" "$(stat -c %u:%g m/far)" 65534:65534
check_eq "ls -n" "$(ls -n m/g | awk '{print $3 ":" $4}')" 100005:100007

# The mapped owner may enter its 0700 directory and read its 0600 file;
# the stored owner (0 is root, so try 5, g's stored owner) may not.
check_eq "read by the mapped owner" \
	"$(setpriv --reuid=100000 --regid=100000 --clear-groups cat m/d/p 2>&1)" private
setpriv --reuid=5 --regid=7 --clear-groups cat m/g >/dev/null 2>&1 ||
	fail "g is 0644: anyone reads it"
setpriv --reuid=100005 --regid=100007 --clear-groups sh -c 'echo more >>m/g' 2>"$T/.err" ||
	fail "the mapped owner of g cannot write it: $(cat "$T/.err")"
setpriv --reuid=5 --regid=7 --clear-groups sh -c 'echo more >>m/f' 2>/dev/null &&
	fail "a non-owner wrote root's 0644 file"

# Copy-ups: the copies belong to the owners the union showed.
must sh -c 'echo more >>m/f'
check_eq "copy of f in the upper" "$(stat -c %u:%g src/u/f)" 100000:100000
check_eq "copy of g in the upper" "$(stat -c %u:%g src/u/g)" 100005:100007
check_eq "copied parent d" "$(stat -c '%u:%g %a' src/u/d 2>/dev/null || echo none)" none
must touch m/d/p
check_eq "copied parent d, now" "$(stat -c '%u:%g %a' src/u/d)" "100000:100000 700"
check_eq "copy of p" "$(stat -c '%u:%g %a' src/u/d/p)" "100000:100000 600"
# A set-uid file of the stored root is the mapped root's, never the host's.
must touch m/su
check_eq "set-uid copy" "$(stat -c '%a %u:%g' src/u/su)" "4755 100000:100000"
check_eq "data" "$(cat m/f m/g | tr '\n' ' ')" "root-file more user-file more "

# No owner to give a copy: the VFS refuses writes to an object whose owner
# it cannot name, whatever its mode.
must_fail sh -c 'echo x >>m/far'
grep -q "Permission denied" "$T/.err" || fail "not EACCES: $(cat "$T/.err")"
[ -e src/u/far ] && fail "a copy of far reached the upper: $(stat -c %u:%g src/u/far)"

# New objects belong to their creator, as on the bare upper.
must setpriv --reuid=100000 --regid=100000 --clear-groups touch m/d/new
check_eq "new file" "$(stat -c %u:%g src/u/d/new)" 100000:100000
must umount m
check_eq "lower untouched" "$(stat -c %u:%g src/l/f src/l/g | tr '\n' ' ')" "0:0 5:7 "
