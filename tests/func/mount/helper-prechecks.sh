#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mount.strata names each layer problem itself before asking the kernel: overlaps, a workdir on another mount, an upper without xattrs
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# -f: the helper checks everything and mounts nothing, so each message
# below is the helper's, not the kernel's.
mklayers 2
mkdir -p m u/w w l1/u other r
mount -t tmpfs other other
mkdir other/w
mount -t ramfs r r
mkdir r/u r/w

must_fail mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/l1/u,workdir=$T/w"
expect_reason "lower layer 1 '$T/l1' overlaps upperdir '$T/l1/u'"

must_fail mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/u/w"
expect_reason "upperdir '$T/u' and workdir '$T/u/w' are nested"

must_fail mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/other/w"
expect_reason "workdir '$T/other/w' is on another mount than upperdir"

must_fail mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/r/u,workdir=$T/r/w"
expect_reason "upperdir '$T/r/u': its filesystem has no trusted xattrs"

# Two problems at once: one line each.
must_fail mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/l1/u,workdir=$T/other/w"
check_eq "lines" "$(grep -c '^mount.strata: ' "$T/.err")" 2

must mount.strata none m -f -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w"
