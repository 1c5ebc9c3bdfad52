#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: containerd 1.6 alone, through ctr and its overlayfs snapshotter, unchanged: imports an image offline and runs it; a container's writes and deletion land in its snapshot's upper in overlayfs's format (a whiteout), and the snapshot mounts again with them; five containers run at once, each with its own upper; removing them leaves no mount
# fstypes: drop-in overlay
. "$STRATA_TESTS/lib/containers.sh"

containerd_start "$FSTYPE" "$T/containerd.log"
started=$?
# The namespace names runc's state too (/run/containerd/runc/NAMESPACE),
# which every containerd shares: one a way.
c() { ctr --address "$CONTAINERD_SOCK" -n "strata-$FSTYPE" "$@"; }
# A task outlives containerd (its shim holds it, and its union): none may
# outlive the test.
cleanup() {
	for t in $(c tasks ls -q 2>/dev/null); do
		c tasks kill -s KILL "$t"
		answers c tasks rm "$t"
	done
	for k in $(c containers ls -q 2>/dev/null); do
		c containers rm "$k"
	done
	kill "$CONTAINERD_PID"
	wait "$CONTAINERD_PID"
} >/dev/null 2>&1
trap cleanup EXIT
[ $started -eq 0 ] || fail "containerd did not start: $(tail -n 5 "$T/containerd.log")"
run() { c run --snapshotter overlayfs "$@"; }
c plugins ls | grep -Eq "snapshotter.v1 +overlayfs .* ok" ||
	fail "the overlayfs snapshotter: $(c plugins ls | grep snapshotter)"

ctr_image base
podman save -o base.tar base 2>"$T/.err" || fail "podman save: $(cat "$T/.err")"
c images import --snapshotter overlayfs base.tar >/dev/null 2>"$T/.err" ||
	fail "ctr images import: $(cat "$T/.err")"
image=$(c images ls -q | grep base | head -n 1)
[ -n "$image" ] || fail "no image after the import: $(c images ls)"
check_eq "ctr run" "$(run --rm "$image" t1 cat /etc/base-release 2>&1)" "base image"

run "$image" t2 sh -c 'mkdir -p /srv/d && echo hi >/srv/d/f && rm /etc/base-release' >/dev/null 2>"$T/.err" ||
	fail "ctr run t2: $(cat "$T/.err")"
# The snapshot's mount, as containerd hands it to a runtime, done again.
mnt=$(c snapshots --snapshotter overlayfs mounts "$T/m" t2)
case $mnt in
"mount -t overlay "*) ;;
*) fail "not an overlay mount: $mnt" ;;
esac
upper=$(echo "$mnt" | sed -n 's/.*upperdir=\([^,]*\).*/\1/p')
check_eq "the write, in the upper" "$(cat "$upper/srv/d/f")" hi
check_eq "the deletion, in the upper" "$(stat -c '%F %t:%T' "$upper/etc/base-release")" "character special file 0:0"
mkdir m
sh -c "$mnt" 2>"$T/.err" || fail "$mnt: $(cat "$T/.err")"
check_eq "the snapshot again" "$(cat m/srv/d/f; ls m/etc/base-release 2>&1 >/dev/null | wc -l)" "hi
1"
# The drop-in way's unions are Strata's, not the kernel's overlay's.
if [ "$FSTYPE" = drop-in ]; then
	[ -d /sys/module/overlay ] && fail "the kernel's overlay is loaded"
	[ "$(cat /sys/module/strata/refcnt)" -gt 0 ] || fail "strata.ko holds no mount"
fi
umount m || fail "umount of the snapshot"
must c containers rm t2

for i in 1 2 3 4 5; do
	run -d "$image" "p$i" sh -c "echo $i >/root/mine; sleep 600" >/dev/null 2>"$T/.err" ||
		fail "ctr run -d p$i: $(cat "$T/.err")"
done
got=
for i in 1 2 3 4 5; do
	got="$got$(c tasks exec --exec-id "e$i" "p$i" cat /root/mine 2>&1) "
done
check_eq "five at once, each its own upper" "$got" "1 2 3 4 5 "
for i in 1 2 3 4 5; do
	c tasks kill -s KILL "p$i" >/dev/null 2>&1
done
for i in 1 2 3 4 5; do
	answers c tasks rm "p$i" || fail "the task of p$i did not end"
	must c containers rm "p$i"
done
# With the tasks gone, so are the unions their runtime mounted.
left=$(grep -c " /run/containerd-$FSTYPE/" /proc/mounts)
check_eq "mounts left" "$left" 0
must c images rm "$image"
