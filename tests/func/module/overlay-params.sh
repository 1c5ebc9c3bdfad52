#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: the module's parameters carry overlayfs's six feature names; strata's read what it does, are read-only, and a load asking otherwise fails naming the value
. "$STRATA_TESTS/lib/func.sh"

# Container engines and overlay test suites read these files to learn what
# the union will do; the oracle has each of them too.
params="redirect_dir redirect_always_follow index nfs_export xino_auto metacopy"
dir=/sys/module/$FSTYPE/parameters
seen=
for name in $params; do
	[ -r "$dir/$name" ] || fail "no $dir/$name"
	value=$(cat "$dir/$name")
	case $value in Y | N) ;; *) fail "$name reads [$value]" ;; esac
	seen="$seen $name=$value"
done
[ "$FSTYPE" = strata ] || exit 0

check_eq "values" "$seen" \
	" redirect_dir=N redirect_always_follow=N index=N nfs_export=N xino_auto=Y metacopy=N"
must_fail sh -c "echo Y >$dir/index"
check_eq "index after a write" "$(cat "$dir/index")" N

# Each N is what a mount does: the feature's option is refused.
mklayers 2
mkdir m
for opt in redirect_dir=on index=on nfs_export=on metacopy=on; do
	must_fail mount -i -t strata -o "lowerdir=$T/l1:$T/l2,$opt" none m
	expect_reason "${opt%%=*}"
done

# A load that asks for another value fails and says which; its own value
# is accepted. The module is loaded again, as the suite needs it, whatever
# happens here.
ko=/strata/modules/strata.ko
must rmmod strata
trap 'grep -qw strata /proc/modules || insmod "$ko"' EXIT
must_fail insmod "$ko" index=Y
expect_reason "index=Y: fixed at N"
grep -qw strata /proc/modules && fail "loaded with index=Y"
must_fail insmod "$ko" xino_auto=N
expect_reason "xino_auto=N: fixed at Y"
must insmod "$ko" index=N xino_auto=Y
check_eq "index when given N" "$(cat "$dir/index")" N
exit 0
