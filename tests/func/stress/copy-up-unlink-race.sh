#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: opens for writing (copy-ups) racing unlinks of the same lower files end in success or ENOENT, never a spurious ESTALE or EEXIST, and every surviving file is whole
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# Worker A appends to each file (a copy-up, or a create after the unlink);
# worker B removes each (a whiteout, or the removal of the fresh copy). The
# two walk the names in the same order, so they meet on most of them.
n=300
mklayers 1
i=1
while [ $i -le $n ]; do
	echo lower >"l1/f$i"
	i=$((i + 1))
done
rwunion m l1
(i=1; while [ $i -le $n ]; do echo x >>"m/f$i"; i=$((i + 1)); done) 2>"$T/append.err" &
(i=1; while [ $i -le $n ]; do rm "m/f$i"; i=$((i + 1)); done) 2>"$T/rm.err" &
wait
# ENOENT as busybox words it: for a create, "nonexistent directory".
bad=$(cat "$T/append.err" "$T/rm.err" | grep -v "No such file or directory\|nonexistent directory")
[ -z "$bad" ] || fail "errors other than ENOENT: $(echo "$bad" | sort | uniq -c | head -n 5)"
# A survivor is the copy with the append, or a new file holding only it.
i=1
while [ $i -le $n ]; do
	if [ -e "m/f$i" ]; then
		c=$(cat "m/f$i" | tr '\n' ' ')
		[ "$c" = "lower x " ] || [ "$c" = "x " ] || fail "f$i holds [$c]"
	fi
	i=$((i + 1))
done
echo "$(ls m | wc -l) of $n names survive, $(grep -c . "$T/append.err" "$T/rm.err" | tr '\n' ' ') ENOENT"
work_clean
