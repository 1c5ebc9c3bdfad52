#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: file capabilities survive copy-up as they were, and a user cannot add any through the union (CVE-2021-3493)
. "$STRATA_TESTS/lib/func.sh"

command -v setcap >/dev/null || skip "no setcap in the guest"
mkdir l1
cp /bin/busybox l1/capped
setcap cap_net_raw+ep l1/capped || skip "no file capabilities on the scratch tmpfs"
cp /bin/busybox l1/mine
chown 1000:1000 l1/mine
chmod 0755 "$T" l1
rwunion m l1
chmod 0777 m
must touch m/capped
check_eq "carried" "$(getcap u/capped | sed 's/.* //')" "cap_net_raw=ep"
must_fail as_user setcap cap_sys_admin+ep m/mine
check_eq "user's file" "$(getcap m/mine)" ""
[ -e u/mine ] && [ -n "$(getcap u/mine)" ] && fail "capability leaked to the upper"
true
