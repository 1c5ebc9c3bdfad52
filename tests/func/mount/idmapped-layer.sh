#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a layer on an idmapped mount (as containerd and systemd give them) is refused with the reason, as lower and as upper; overlay takes it and shows the mapped owners
. "$STRATA_TESTS/lib/func.sh"

# ext4 takes idmapped mounts on every test kernel (tmpfs only from 6.3).
need_ext4 src.img src
mkdir -p src/l src/u src/w l2 idm m
echo data >src/l/f
strata-idmap "$T/src" "$T/idm" 0:1000:1 2>"$T/.err" || fail "idmapped mount: $(cat "$T/.err")"
check_eq "owner through the idmapped mount" "$(stat -c %u:%g idm/l/f)" 1000:1000
if [ "$FSTYPE" = strata ]; then
	must_fail mount -t strata -o "lowerdir=$T/idm/l:$T/l2" none m
	expect_reason "idmapped layers are not supported"
	must_fail mount -t strata -o "lowerdir=$T/l2,upperdir=$T/idm/u,workdir=$T/idm/w" none m
	expect_reason "idmapped layers are not supported"
else
	must mount -t overlay -o "lowerdir=$T/idm/l:$T/l2" none m
	check_eq "owner through overlay" "$(stat -c %u:%g m/f)" 1000:1000
	must umount m
fi
umount idm
