#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a streamed directory (lower only, upper only) lists as a merged one does: whiteouts left out, devices and their types kept, telldir/seekdir stable, through 4 KB getdents calls
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# overlay lists a whiteout in a directory that merges no layers as the
# character device it is on disk; strata leaves it out wherever it is.
mklayers 1
mkdir -p l1/d u/o
for dir in l1/d u/o; do
	(cd "$dir" && seq 1 300 | sed 's/^/file-/' | xargs touch)
	# Whiteouts and devices among the files: each makes the stream stop
	# and look the name up.
	for n in 1 2 3 50 51 299; do
		whiteout "$dir/gone-$n"
	done
	mknod "$dir/cdev" c 1 3
	mknod "$dir/cdev2" c 1 5
done
rwunion m l1
for d in m/d m/o; do
	dents=$(strata-probe dents "$d") || fail "$dents"
	echo "$dents" | grep -q '^gone' && fail "$d lists a whiteout: $(echo "$dents" | grep '^gone' | head -n 3)"
	check_eq "$d devices" "$(echo "$dents" | grep '^cdev' | tr '\n' ' ')" "cdev chr cdev2 chr "
	check_eq "$d count" "$(strata-probe count "$d")" 302
	check_eq "$d seekdir" "$(strata-probe seekdir "$d")" "ok 304"
done
# The copy-up of the lower-only directory makes it merged; a new open
# reads the merged listing, with the new entry and still no whiteout.
touch m/d/new
check_eq "after copy-up" "$(strata-probe count m/d)" 303
listing m/d | grep -q '^gone' && fail "a whiteout is listed after copy-up"
exit 0
