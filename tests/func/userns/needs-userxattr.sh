#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user-namespace mount without userxattr is refused with a reason (overlay mounts it, unable to write its trusted.* marks)
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
opts="lowerdir=$B/l1,upperdir=$B/u,workdir=$B/w"
if [ "$FSTYPE" = strata ]; then
	in_userns "mount -t strata -o $opts none $B/m" &&
		fail "mounted without userxattr"
	expect_reason "add the option userxattr"
	in_userns "mount -i -t strata -o $opts none $B/m" &&
		fail "mount(2) without userxattr succeeded"
	# mount(8)'s words for EINVAL
	grep -q -e "Invalid argument" -e "wrong fs type, bad option" "$T/.err" ||
		fail "not EINVAL: $(cat "$T/.err")"
else
	# overlay goes on without xattrs: what Strata deliberately refuses
	# (README, "Mounts from a user namespace").
	in_userns "mount -t overlay -o $opts none $B/m" ||
		fail "overlay refused the mount: $(cat "$T/.err")"
fi
