#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: mmap of a file whose real mmap fails (a sysfs attribute in a lower layer) fails the same way through the union, 200 times over, and the union unmounts (kmemleak and KASAN on the debug kernel watch the error path)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

src=/sys/fs/strata
[ -r $src/version ] || fail "no $src/version"
bare=$(strata-probe mmap-sum $src/version 2>&1) && skip "mmap of a sysfs attribute works on this kernel: $bare"
mkdir m
mount -t strata -o "lowerdir=$src" none m 2>"$T/.err" || skip "sysfs cannot be a layer here: $(cat "$T/.err")"
i=0
while [ $i -lt 200 ]; do
	if out=$(strata-probe mmap-sum m/version 2>&1); then
		umount m
		fail "mmap through the union worked where the real one fails: $out"
	fi
	i=$((i + 1))
done
# The same error as on the bare file, with the union's path.
check_eq "error" "${out##*: }" "${bare##*: }"
check_eq "still readable" "$(cat m/version)" "$(cat $src/version)"
must umount m
