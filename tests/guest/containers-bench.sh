#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 of the container guest for make bench (strata.mode=containers-bench):
# times what a container user waits for, the same way on each way in
# (tests/lib/container-ways.sh): Strata through its mount program and in
# the drop-in mode, the kernel's overlay, and fuse-overlayfs. Each time is
# the median of several runs, in milliseconds, on ttyS1 as
#   BENCH WAY METRIC MS
# which scripts/bench.sh turns into ratios against overlay.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root STRATA_RESULTS=/dev/ttyS1
mode=containers-bench
. /strata/tests/lib/guest.sh
. /strata/tests/lib/container-ways.sh
containers_guest_init
runs=5

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# median_ms COMMAND...: COMMAND run $runs times; the median time. The
# functions named by $before and $after, when set, run untimed around each
# run. A failed run is said on the console (not into the sort).
median_ms() {
	i=0
	while [ $i -lt $runs ]; do
		[ -n "${before:-}" ] && $before >/dev/null 2>&1
		t0=$(now_ms)
		"$@" >/dev/null 2>&1 || echo "strata-guest: bench: failed: $*" >&2
		echo $(($(now_ms) - t0))
		[ -n "${after:-}" ] && $after >/dev/null 2>&1
		i=$((i + 1))
	done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

bench() { echo "BENCH $way $1 $2" >>"$STRATA_RESULTS"; echo "strata-guest: bench $way $1 $2 ms"; }

# The 1,000 files a container changes before its commit.
write_1000='mkdir /d; i=0; while [ $i -lt 1000 ]; do echo $i >/d/$i; i=$((i + 1)); done'
# A fresh container for the first-write row, and its removal.
fresh_container() { podman run -d --name fw base sleep 600; }
remove_fresh() { podman rm -f -t 0 fw; }
# commit alone: the container is made and changed beforehand.
commit_only() { podman commit -q c1000 img1000 && podman rmi img1000; }

for way in mount-program drop-in overlay fuse-overlayfs; do
	way_setup "$way" || continue
	podman import /strata-images/base.tar base >/dev/null 2>&1
	bench run-rm "$(median_ms podman run --rm base true)"
	podman run -d --name w base sleep 600 >/dev/null 2>&1
	bench exec "$(median_ms podman exec w true)"
	podman rm -f -t 0 w >/dev/null 2>&1
	# A fresh container's first write to an image file (busybox, 2 MB): an
	# exec as above, and a copy-up. The copy-up is the difference, within
	# the noise of an exec under TCG.
	before=fresh_container after=remove_fresh
	bench exec-first-write "$(median_ms podman exec fw sh -c 'echo x >>/bin/busybox')"
	before= after=
	podman run --name c1000 base sh -c "$write_1000" >/dev/null 2>&1
	bench commit-1000 "$(median_ms commit_only)"
	podman rm c1000 >/dev/null 2>&1
	if podman pull -q oci:/strata-images/many-oci:many >/tmp/many.id 2>/dev/null; then
		bench run-rm-100-layers "$(median_ms podman run --rm "$(cat /tmp/many.id)" true)"
	fi
	if [ "$way" = drop-in ] || [ "$way" = overlay ]; then
		if dockerd_start "$way" /tmp/dockerd.log; then
			podman save -o /tmp/base.tar base >/dev/null 2>&1
			docker -H "unix://$DOCKER_SOCK" load -q -i /tmp/base.tar >/dev/null 2>&1
			id=$(podman image inspect --format '{{.Id}}' base)
			bench docker-run-rm "$(median_ms docker -H "unix://$DOCKER_SOCK" run --rm --network none "$id" true)"
			kill "$DOCKERD_PID"
			wait "$DOCKERD_PID"
		fi
	fi
	way_teardown "$way"
done
report END "$mode"
sync
/bin/busybox reboot -f
