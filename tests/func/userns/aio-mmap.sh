#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: from a user namespace, AIO reads with the fd closed in flight, and mappings that outlive their fd and a copy-up, keep the real files alive (CVE-2019-15794, CVE-2023-1252)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
head -c 2097152 /dev/urandom >"$B/l1/f"
cp "$B/l1/f" "$B/l1/g"
chown 1000:1000 "$B/l1/f" "$B/l1/g"
sum=$(strata-probe read-sum "$B/l1/g")
userns_run "strata-probe aio-close m/f 50; echo more >>m/f; strata-probe aio-close m/f 50
	strata-probe mmap-sum m/g >m/sum & chmod 600 m/g; wait; cat m/sum; strata-probe mmap-sum m/g" ||
	fail "in the namespace: $(cat "$T/.err")"
check_eq "aio and mappings" "$(tr '\n' ' ' <"$T/.out")" "ok ok $sum $sum "
