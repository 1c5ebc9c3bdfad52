#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest's shell is busybox, which prefers its own applets to programs on
# PATH. Tests mean the real util-linux tools, as users have them: mount(8)
# must run /sbin/mount.strata, umount must know -R, and so on.
for tool in mount umount findmnt setpriv unshare nsenter losetup; do
	eval "$tool() { /usr/bin/$tool \"\$@\"; }"
done
