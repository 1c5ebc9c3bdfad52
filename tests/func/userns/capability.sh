#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: file capabilities set from a user namespace reach the upper as the namespace's (v3, rootid 1000), never as the host's; a file the host gave capabilities is copied with them as the namespace's only (CVE-2021-3493)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

command -v setcap >/dev/null || skip "no setcap in the guest"
# caps FILE: its security.capability, in hex.
caps() {
	getfattr --absolute-names -e hex -n security.capability "$1" |
		sed -n 's/^security.capability=//p'
}

userns_layers
userns_allow
for f in mine hostcap; do
	cp /bin/busybox "$B/l1/$f"
	chown 1000:1000 "$B/l1/$f"
done
setcap cap_net_raw+ep "$B/l1/hostcap" || skip "no file capabilities on $B"
cp /bin/busybox "$B/l1/roots"

userns_run "setcap cap_net_raw+ep m/mine && getcap m/mine" ||
	fail "setcap in the namespace: $(cat "$T/.err")"
check_eq "seen in the namespace" "$(sed 's/.* //' "$T/.out")" "cap_net_raw=ep"
# On disk: revision 3 with the effective flag, rootid 1000: a capability
# for the namespace's root only. A revision 2 value would be the host's.
value=$(caps "$B/u/mine")
case $value in
0x01000003*e8030000) ;;
*) fail "security.capability in the upper: $value" ;;
esac

# Capabilities the host gave (revision 2, on the user's own file): the
# namespace reads them as its own (revision 3, rootid 1000), and so the
# copy carries them, for the namespace only. overlay does the same.
userns_run "touch m/hostcap" || fail "copy-up of the host-capable file: $(cat "$T/.err")"
value=$(caps "$B/u/hostcap")
case $value in
0x01000003*e8030000) ;;
*) fail "security.capability of the copy: $value (the lower's: $(caps "$B/l1/hostcap"))" ;;
esac
# Nor may the namespace's root give any to a file it cannot map.
userns_run "setcap cap_net_raw+ep m/roots" && fail "set a capability on root's file"
[ -e "$B/u/roots" ] && fail "root's file was copied up"
check_eq "root's file" "$(getcap "$B/l1/roots")" ""
true
