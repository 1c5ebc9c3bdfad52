#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: the module's parameters carry overlayfs's six feature names; strata's read what it does, index is the default of index= as in overlayfs, the others are read-only, and a load asking otherwise fails naming the value
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
must_fail sh -c "echo Y >$dir/metacopy"
check_eq "metacopy after a write" "$(cat "$dir/metacopy")" N

# Each fixed N is what a mount does: the feature's option is refused.
mklayers 2
mkdir m
for opt in redirect_dir=on nfs_export=on metacopy=on; do
	must_fail mount -i -t strata -o "lowerdir=$T/l1:$T/l2,$opt" none m
	expect_reason "${opt%%=*}"
done

# index is a default: a mount without index= takes it, and shows it where
# it is not the module's default.
trap 'echo N >"$dir/index"' EXIT
shown() {
	mkdir -p u w
	must mount -i -t strata -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w$1" none m
	grep " $T/m " /proc/mounts | grep -o ',index=[a-z]*'
	must umount m
}
check_eq "default N, no option" "$(shown '')" ""
check_eq "default N, index=on" "$(shown ,index=on)" ",index=on"
must sh -c "echo Y >$dir/index"
check_eq "default Y, no option" "$(shown '')" ",index=on"
check_eq "default Y, index=off" "$(shown ,index=off)" ",index=off"
must sh -c "echo N >$dir/index"

# A load that asks for another value fails and says which; its own value
# is accepted. The module is loaded again, as the suite needs it, whatever
# happens here.
ko=/strata/modules/strata.ko
must rmmod strata
trap 'grep -qw strata /proc/modules || insmod "$ko"' EXIT
must_fail insmod "$ko" metacopy=Y
expect_reason "metacopy=Y: fixed at N"
grep -qw strata /proc/modules && fail "loaded with metacopy=Y"
must_fail insmod "$ko" xino_auto=N
expect_reason "xino_auto=N: fixed at Y"
must insmod "$ko" index=Y xino_auto=Y
check_eq "index when given Y" "$(cat "$dir/index")" Y
must rmmod strata
must insmod "$ko" metacopy=N
check_eq "index by default" "$(cat "$dir/index")" N
exit 0
