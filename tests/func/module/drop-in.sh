#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: drop_in=Y is refused while the kernel's overlay is registered; with it unloaded, "mount -t overlay" is Strata's: overlayfs's statfs magic and mount type, copy-up and whiteouts in overlay's format, "strata" mounts keep their own magic, and overlay.ko cannot load beside it
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

ko=/strata/modules/strata.ko
overlay_magic=794c7630 strata_magic=53545241
modprobe overlay 2>/dev/null
grep -qw overlay /proc/filesystems || skip "this kernel has no overlay filesystem to stand in for"
overlay_module=
grep -q '^overlay ' /proc/modules && overlay_module=1

# Whatever happens, the suite goes on with strata loaded as usual and the
# kernel's overlay back for the oracle.
restore() {
	umount "$T/m" "$T/s" 2>/dev/null
	if [ "$(cat /sys/module/strata/parameters/drop_in 2>/dev/null)" = Y ]; then
		rmmod strata
	fi
	grep -q '^strata ' /proc/modules || insmod "$ko"
	[ -n "$overlay_module" ] && modprobe overlay
}
trap restore EXIT

must rmmod strata
must_fail insmod "$ko" drop_in=Y
expect_reason 'type "overlay" is taken'
grep -q '^strata ' /proc/modules && fail "loaded in drop-in mode beside the kernel's overlay"

[ -n "$overlay_module" ] ||
	skip "the refusal holds; the kernel's overlay is built in here, so the mode itself cannot be tried"
must rmmod overlay
must insmod "$ko" drop_in=Y
check_eq "drop_in parameter" "$(cat /sys/module/strata/parameters/drop_in)" Y
grep -qx 'nodev	overlay' /proc/filesystems || fail "no overlay in /proc/filesystems"
grep -qx 'nodev	strata' /proc/filesystems || fail "no strata in /proc/filesystems"
must_fail modprobe overlay
grep -q '^overlay ' /proc/modules && fail "overlay.ko loaded beside the drop-in"

mklayers 2
echo lower >l2/f
echo doomed >l1/gone
mkdir -p m u w s
must mount -t overlay -o "lowerdir=$T/l1:$T/l2,upperdir=$T/u,workdir=$T/w" none m
check_eq "overlay mount's statfs magic" "$(stat -f -c %t m)" $overlay_magic
check_eq "mount table type" "$(awk -v m="$T/m" '$2 == m { print $3 }' /proc/mounts)" overlay
echo more >>m/f
check_eq "copy-up" "$(cat m/f)" "lower
more"
check_eq "lower untouched" "$(cat l2/f)" lower
getfattr --absolute-names -n trusted.overlay.origin u/f >/dev/null 2>&1 ||
	fail "the copy has no trusted.overlay.origin"
rm m/gone
check_eq "whiteout" "$(stat -c %F:%t:%T u/gone)" "character special file:0:0"

must mount -t strata -o "lowerdir=$T/l1:$T/l2" none s
check_eq "strata mount's statfs magic" "$(stat -f -c %t s)" $strata_magic
exit 0
