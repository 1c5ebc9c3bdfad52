#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a setuid root file on a nosuid lower cannot become a user-made setuid copy; a user's write clears set-id bits (CVE-2016-1576, CVE-2023-0386)
. "$STRATA_TESTS/lib/func.sh"

mkdir -p src l1
cp /bin/busybox src/suid-root
chmod 4755 src/suid-root
echo user >src/suid-user
chown 1000:1000 src/suid-user
chmod 6775 src/suid-user
mount --bind src l1
mount -o remount,bind,nosuid l1
chmod 0755 "$T" l1
rwunion m l1
chmod 0777 m
# Every way a user might copy the root file up fails.
must_fail as_user chmod 4755 m/suid-root
must_fail as_user touch m/suid-root
must_fail as_user sh -c ": >>$T/m/suid-root"
[ -e u/suid-root ] && fail "the root setuid file was copied up by a user"
# The user's own file: writing it clears the set-id bits, as on a bare fs.
as_user sh -c "echo more >>$T/m/suid-user" || fail "user append"
check_eq "after user write" "$(stat -c %a m/suid-user)" 775
check_eq "upper copy" "$(stat -c '%a %u' u/suid-user)" "775 1000"
# The mounter (root) may copy it up; the copy is what root could make.
must touch m/suid-root
check_eq "root copy" "$(stat -c '%a %u' u/suid-root)" "4755 0"
