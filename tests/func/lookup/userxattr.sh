#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: with userxattr, user.overlay.opaque marks opaque and trusted.overlay.* is ignored
. "$STRATA_TESTS/lib/func.sh"

need_ext4 img e
mkdir -p e/l1/d e/l2/d e/l1/t e/l2/t m
setfattr -n user.overlay.opaque -v y e/l1/d
setfattr -n trusted.overlay.opaque -v y e/l1/t
touch e/l2/d/hidden e/l2/t/shown e/l1/d/own
mount -t "$FSTYPE" -o "lowerdir=$T/e/l1:$T/e/l2,userxattr" none m 2>"$T/.err" ||
	fail "mount: $(cat "$T/.err")"
check_eq "opaque by user.overlay" "$(listing m/d | tr '\n' ' ')" "own "
check_eq "trusted.overlay ignored" "$(listing m/t | tr '\n' ' ')" "shown "
getfattr -d -m - m/d 2>/dev/null | grep -q 'user.overlay' && fail "user.overlay.* listed"
exit 0
