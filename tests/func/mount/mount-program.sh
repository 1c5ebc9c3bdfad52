#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: podman's overlay driver with mount_program=/sbin/mount.strata: its exact argv mounts, options it and distributions add are handled (volatile, Fedora's metacopy=on), a layer asked for again is stacked, not refused, umount -l detaches
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# containers/storage (drivers/overlay) runs, in its storage home,
#   MOUNT_PROGRAM -o lowerdir=L1:L2,upperdir=DIFF,workdir=WORK[,MOUNTOPT] MERGED
# with MOUNTOPT from storage.conf (Debian's default: nodev), "volatile" for
# podman run --rm, and ID mappings when the container has a user namespace.
home=$T/storage/overlay
mkdir -p "$home/l/A" "$home/l/B" "$home/c/diff" "$home/c/work" "$home/c/merged"
echo base >"$home/l/B/os-release"
echo app >"$home/l/A/app"
lower=$home/l/A:$home/l/B

(cd "$home" && /sbin/mount.strata -o "lowerdir=$lower,upperdir=$home/c/diff,workdir=$home/c/work,nodev,volatile" \
	"$home/c/merged") 2>"$T/.err" || fail "mount program: $(cat "$T/.err")"
grep -q "ignoring 'volatile'" "$T/.err" || fail "no warning for volatile: $(cat "$T/.err")"
check_eq "lower file" "$(cat "$home/c/merged/os-release")" base
findmnt -n -o FSTYPE,OPTIONS "$home/c/merged" | grep -q '^strata .*nodev' ||
	fail "mount: $(findmnt -n "$home/c/merged")"
echo changed >"$home/c/merged/os-release"
check_eq "copied up into diff" "$(cat "$home/c/diff/os-release")" changed

# containers/storage counts a layer as mounted only by FUSE's statfs
# magic, so it asks again for a layer it has mounted: the same union is
# stacked once more (a clone of its mount, no second claim on the upper),
# and each unmount takes one off.
mounts_at() { grep -c " $1 strata " /proc/mounts; }
(cd "$home" && /sbin/mount.strata -o "lowerdir=$lower,upperdir=$home/c/diff,workdir=$home/c/work,nodev" \
	"$home/c/merged") 2>"$T/.err" || fail "asked again for a mounted layer: $(cat "$T/.err")"
check_eq "mounts stacked at merged" "$(mounts_at "$home/c/merged")" 2
echo again >"$home/c/merged/new"
must umount -l "$home/c/merged"
check_eq "mounts left" "$(mounts_at "$home/c/merged")" 1
check_eq "the union still served" "$(cat "$home/c/merged/new")" again
# Other layers over the same upper are another union: refused, upper in use.
must_fail sh -c "cd '$home' && /sbin/mount.strata -o 'lowerdir=$home/l/B,upperdir=$home/c/diff,workdir=$home/c/work' '$home/c/merged'"
expect_reason "in use"
check_eq "mounts after the refusal" "$(mounts_at "$home/c/merged")" 1

# Unmount the way containers/storage does when fusermount does not apply:
# syncfs, then umount2(MNT_DETACH).
sync
must umount -l "$home/c/merged"
grep -q " $home/c/merged " /proc/mounts && fail "still mounted"

# Fedora's storage.conf sets metacopy=on; from a caller that passes it on,
# it is dropped with a word, the mount made, and a copy-up copies the data.
(cd "$home" && /sbin/mount.strata -o "lowerdir=$lower,upperdir=$home/c/diff,workdir=$home/c/work,nodev,metacopy=on" \
	"$home/c/merged") 2>"$T/.err" || fail "metacopy=on: $(cat "$T/.err")"
grep -q "ignoring 'metacopy=on'" "$T/.err" || fail "no warning for metacopy=on: $(cat "$T/.err")"
echo appended >>"$home/c/merged/app"
check_eq "full copy-up under metacopy=on" "$(cat "$home/c/diff/app")" "app
appended"
must umount "$home/c/merged"

# Relative layer paths resolve against the storage home, where it runs us.
(cd "$home" && /sbin/mount.strata -o "lowerdir=l/A:l/B,upperdir=c/diff,workdir=c/work" c/merged) \
	2>"$T/.err" || fail "relative paths: $(cat "$T/.err")"
check_eq "relative: upper wins" "$(cat "$home/c/merged/os-release")" changed
must umount "$home/c/merged"

# A container with a user-namespace mapping: refused, with the reason.
must_fail /sbin/mount.strata -o "lowerdir=$lower,upperdir=$home/c/diff,workdir=$home/c/work,uidmapping=0:100000:65536,gidmapping=0:100000:65536" "$home/c/merged"
expect_reason "does not shift file owners"
