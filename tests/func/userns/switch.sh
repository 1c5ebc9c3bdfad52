#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mounts from a user namespace are off by default: EPERM naming the switch (helper and mount(2)); /sys/fs/strata/userns_mounts and the module parameter turn them on and off
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
sysfs=/sys/fs/strata/userns_mounts
check_eq "default parameter" "$(cat "$USERNS_PARAM")" N
check_eq "default in /sys/fs/strata" "$(cat "$sysfs")" N
grep -qw userns-mounts /sys/fs/strata/features || fail "features lack userns-mounts: $(cat /sys/fs/strata/features)"
userns_allow		# puts the switch back at the end
echo N >"$USERNS_PARAM"

# Off: through the helper, and through mount(2) alone (-i).
in_userns "$(userns_mount_cmd)" && fail "mounted from a user namespace with the switch off"
grep -q userns_mounts "$T/.err" || fail "the helper's error does not name the switch: $(cat "$T/.err")"
in_userns "mount -i -t strata -o $(userns_opts) none $B/m" &&
	fail "mount(2) from a user namespace succeeded with the switch off"
# mount(8)'s words for EPERM
grep -q -i -e "Operation not permitted" -e "permission denied" "$T/.err" ||
	fail "mount(2): not EPERM: $(cat "$T/.err")"
[ -z "$(ls -A "$B/w")" ] || fail "a refused mount touched the workdir: $(ls -A "$B/w")"

# On through /sys/fs/strata: the parameter follows, and the mount works.
echo Y >"$sysfs"
check_eq "parameter after sysfs" "$(cat "$USERNS_PARAM")" Y
in_userns "$(userns_mount_cmd) && grep ' $B/m ' /proc/self/mounts" ||
	fail "mount with the switch on: $(cat "$T/.err")"
grep -q "^none $B/m strata" "$T/.out" || fail "not in the namespace's mount table: $(cat "$T/.out")"

# Off again through the parameter, while a mount made before stays: it
# still serves, and can still be remounted read-only.
# The two sides signal each other with files in $S; the namespace's side
# waits 30 s at most, so that it never outlives the test.
echo data >"$B/l1/f"
S=$T/signals
mkdir "$S"
chown 1000:1000 "$S"
as_user unshare -Urm sh -c ". $STRATA_TESTS/lib/tools.sh
	$(userns_mount_cmd) || exit 1
	touch $S/mounted
	n=0
	while [ ! -e $S/go ] && [ \$n -lt 300 ]; do sleep 0.1; n=\$((n + 1)); done
	cat $B/m/f && mount -o remount,ro $B/m && touch $B/m/new" >"$T/.out" 2>"$T/.err" &
waiter=$!
n=0
while [ ! -e "$S/mounted" ] && [ $n -lt 300 ] && kill -0 $waiter 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
[ -e "$S/mounted" ] || fail "the namespace's mount: $(cat "$T/.err")"
echo N >"$USERNS_PARAM"
touch "$S/go"
wait $waiter && fail "wrote to a union remounted read-only"
check_eq "read after the switch went off" "$(cat "$T/.out")" data
grep -q "Read-only file system" "$T/.err" || fail "remount,ro after the switch went off: $(cat "$T/.err")"
check_eq "sysfs after parameter" "$(cat "$sysfs")" N
in_userns "$(userns_mount_cmd)" && fail "mounted after the switch went off again"
# An unprivileged user cannot flip it.
must_fail as_user sh -c "echo Y >$sysfs"
must_fail as_user sh -c "echo Y >$USERNS_PARAM"
check_eq "after the user's attempts" "$(cat "$sysfs")" N
