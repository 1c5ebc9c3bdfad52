#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user namespace with subordinate ids (written by newuidmap and newgidmap from /etc/subuid, as rootless podman maps a container: 0 is the user, 1..65536 the range from 100000): owners in the range are seen and copied up as the namespace's ids, a chown inside lands in the range, and an owner outside it shows as nobody and is not copied up (EOVERFLOW)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_subids
userns_allow
echo ranged >"$B/l1/ranged"
chown 100005:100006 "$B/l1/ranged"
echo outside >"$B/l1/outside"
chown 2000:2000 "$B/l1/outside"
chmod 0666 "$B/l1/outside"

userns_run "cat /proc/self/uid_map | wc -l; stat -c %u:%g m/ranged m/outside
	echo more >>m/ranged && chown 7:8 m/ranged && stat -c %u:%g m/ranged" ||
	fail "in the namespace: $(cat "$T/.err")"
check_eq "seen in the namespace" "$(tr '\n' ' ' <"$T/.out")" "2 6:7 65534:65534 7:8 "
check_eq "the copy, stored" "$(stat -c %u:%g "$B/u/ranged")" 100006:100007
check_eq "its data" "$(cat "$B/u/ranged")" "ranged
more"
userns_run "echo x >>m/outside" && fail "a file the namespace cannot map was copied up"
grep -q "Value too large" "$T/.err" || fail "not EOVERFLOW: $(cat "$T/.err")"
[ -e "$B/u/outside" ] && fail "outside reached the upper"
true
