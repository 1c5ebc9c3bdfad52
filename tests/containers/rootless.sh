#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: rootless podman (user tester, 1000, with its subordinate ids from /etc/subuid) with mount.strata as its mount program, which runs in the user's namespace: the union is a user-namespace mount with userxattr, the container's root is the user outside, writes and deletions work, and podman build with a deletion and a replaced directory gives the right tree
# fstypes: mount-program
. "$STRATA_TESTS/lib/containers.sh"

param=/sys/module/strata/parameters/userns_mounts
was=$(cat "$param")
# Nothing of the user's may outlive the test: its unions hold strata.ko.
trap 'rl rm -af -t 0 >/dev/null 2>&1; rl rmi -af >/dev/null 2>&1
	pkill -KILL -u 1000; echo "$was" >"$param"' EXIT
echo Y >"$param"
mkdir -p /run/user/1000
chown 1000:1000 /run/user/1000
chmod 0700 /run/user/1000
cat >/home/tester/storage.conf <<'CONF'
[storage]
driver = "overlay"
graphroot = "/home/tester/storage"
runroot = "/run/user/1000/storage"
[storage.options.overlay]
mount_program = "/sbin/mount.strata"
CONF
# No systemd to delegate a cgroup to the user: its containers get none.
mkdir -p /home/tester/.config/containers
printf '[containers]\ncgroups = "disabled"\n' >/home/tester/.config/containers/containers.conf
chown -R tester: /home/tester/storage.conf /home/tester/.config
rl() {
	setpriv --reuid=1000 --regid=1000 --init-groups env HOME=/home/tester \
		XDG_RUNTIME_DIR=/run/user/1000 CONTAINERS_STORAGE_CONF=/home/tester/storage.conf \
		podman "$@"
}
cd /home/tester

rl import /strata-images/base.tar base >/dev/null 2>"$T/.err" || fail "rootless import: $(cat "$T/.err")"
out=$(rl run --rm base sh -c 'id -u; echo hi >/root/x; cat /root/x; rm /etc/base-release; [ -e /etc/base-release ] || echo gone' 2>"$T/.err") ||
	fail "rootless run: $(cat "$T/.err")"
check_eq "inside" "$(echo "$out" | tr '\n' ' ')" "0 hi gone "

rl run -d --name rl1 base sh -c 'echo mine >/root/mine; sleep 600' >/dev/null 2>"$T/.err" ||
	fail "rootless run -d: $(cat "$T/.err")"
sleep 1
# The union, in the user's mount namespace: a strata mount with userxattr.
mi=$(grep -h " - strata " /proc/[0-9]*/mountinfo 2>/dev/null | grep userxattr | head -n 1)
[ -n "$mi" ] || fail "no user-namespace strata mount with userxattr: $(grep -h ' - strata ' /proc/[0-9]*/mountinfo | head -n 2)"
upper=$(find /home/tester -path '*/diff/root/mine' 2>/dev/null | head -n 1)
[ -n "$upper" ] || fail "the container's write is not in the user's storage: $(rl info --format '{{.Store.GraphRoot}}' 2>&1)"
check_eq "its owner outside" "$(stat -c %u:%g "$upper")" 1000:1000
rl rm -f -t 0 rl1 >/dev/null 2>&1

mkdir -p ctx
cat >ctx/Containerfile <<'CF'
FROM base
RUN mkdir -p /data/dir && echo old >/data/dir/old && echo del >/data/del
RUN rm /data/del && rm -r /data/dir && mkdir /data/dir && echo new >/data/dir/new
CF
chown -R tester: ctx
rl build --pull=never --network=none -q -t rbuilt ctx >/dev/null 2>"$T/.err" ||
	fail "rootless build: $(tail -n 5 "$T/.err")"
check_eq "the built tree" "$(rl run --rm rbuilt sh -c 'cd /data && find . | sort' | tr '\n' ' ')" \
	". ./dir ./dir/new "
rl rmi -af >/dev/null 2>&1
