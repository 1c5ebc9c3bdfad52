#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: 20 containers of one image run at once, each on its own union: each sees its own writes and none of the others', and all of them stop and go
. "$STRATA_TESTS/lib/containers.sh"

ctr_image base
names=
i=1
while [ $i -le 20 ]; do
	podman run -d --name "many$i" base sh -c "echo $i >/root/id; sleep 600" >/dev/null 2>"$T/.err" ||
		fail "container $i: $(cat "$T/.err")"
	names="$names many$i"
	i=$((i + 1))
done
check_eq "running" "$(podman ps -q | wc -l)" 20
i=1
while [ $i -le 20 ]; do
	check_eq "container $i" "$(podman exec "many$i" sh -c 'cat /root/id; ls /root | wc -l' | tr '\n' ' ')" "$i 1 "
	i=$((i + 1))
done
# shellcheck disable=SC2086
must podman rm -f -t 0 $names
check_eq "none left" "$(podman ps -aq | wc -l)" 0
