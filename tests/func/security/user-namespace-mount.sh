#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: an unprivileged user namespace cannot mount strata (FS_USERNS_MOUNT stays off)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
chmod 0755 "$T" l1
mkdir m
chmod 0777 m
must_fail as_user unshare -Urm mount -i -t strata -o "lowerdir=$T/l1" none "$T/m"
grep -q -e "Operation not permitted" -e "permission denied" .err || fail "error: $(cat .err)"
