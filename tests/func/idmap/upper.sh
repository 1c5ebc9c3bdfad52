#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an upper on an idmapped mount (stored ids 100000.. shown as 0..): objects created, copied up and chowned through the union are stored with the ids the mapping gives back, a creator or owner the mapping lacks is refused with nothing stored, and a remount shows the same owners
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/idmap.sh"

idmap_src
echo lower >src/l/f
chown 3:3 src/l/f
chown 100000:100000 src/u src/w
idmapped "$T/src" "$T/ids" 100000:0:65536
opts="lowerdir=$T/src/l,upperdir=$T/ids/u,workdir=$T/ids/w"
must mount -t "$FSTYPE" -o "$opts" none m
check_eq "work dir, stored" "$(stat -c %u:%g src/w/work)" 100000:100000
must chmod 0777 m
check_eq "the union's root" "$(stat -c '%u:%g %a' m)" "0:0 777"

must touch m/by-root
check_eq "root's file, stored" "$(stat -c %u:%g src/u/by-root)" 100000:100000
must setpriv --reuid=1 --regid=2 --clear-groups sh -c 'echo new >m/new; mkdir m/dir; ln -s new m/sym'
check_eq "stored owners" "$(stat -c '%u:%g' src/u/new src/u/dir src/u/sym | tr '\n' ' ')" \
	"100001:100002 100001:100002 100001:100002 "
check_eq "owners in the union" "$(stat -c %u:%g m/new m/dir | tr '\n' ' ')" "1:2 1:2 "

# A creator the mapping has no id for: refused, nothing stored.
setpriv --reuid=70000 --regid=70000 --clear-groups touch m/unmapped 2>"$T/.err" &&
	fail "a creator without a stored id made a file"
grep -q "Value too large" "$T/.err" || fail "not EOVERFLOW: $(cat "$T/.err")"
[ -e src/u/unmapped ] && fail "unmapped reached the upper"

# A copy-up: the lower's owner 3 is stored as 100003.
must setpriv --reuid=3 --regid=3 --clear-groups sh -c 'echo more >>m/f'
check_eq "copy's stored owner" "$(stat -c %u:%g src/u/f)" 100003:100003
check_eq "copy in the union" "$(stat -c %u:%g m/f)" 3:3

# chown through the union maps back; an owner without a stored id is not set.
must chown 9:8 m/new
check_eq "chowned, stored" "$(stat -c %u:%g src/u/new)" 100009:100008
must_fail chown 70000 m/new
grep -q "Value too large" "$T/.err" || fail "chown: not EOVERFLOW: $(cat "$T/.err")"
check_eq "the refused chown left it" "$(stat -c %u:%g src/u/new)" 100009:100008

must umount m
must mount -t "$FSTYPE" -o "$opts" none m
check_eq "after a remount" "$(stat -c %u:%g m/new m/f m/dir | tr '\n' ' ')" "9:8 3:3 1:2 "
must umount m
