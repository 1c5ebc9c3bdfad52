#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a rename over an empty merged directory that fails after the target's upper part was replaced leaves the target usable, not a stale ENOENT
. "$STRATA_TESTS/lib/func.sh"

# The target looks empty but its upper part holds a whiteout, so a rename
# over it first replaces that part with an empty opaque directory. The
# rename itself is then made to fail: the source, a directory moving under
# a merged parent, needs an opaque mark, and its upper directory was made
# immutable behind the union's back.
mklayers 1
mkdir l1/target
echo x >l1/target/gone
rwunion m l1
must rm m/target/gone
must mkdir m/src
stat m/src m/target >/dev/null
chattr +i u/src 2>"$T/.err" || skip "no immutable flag on $STRATA_BACKING: $(cat "$T/.err")"
res=$(strata-probe rename m/src m/target)
chattr -i u/src
[ "$res" = ok ] && fail "the rename should have failed with the source immutable"
check_eq "the target after the failed rename" "$(ls -A m/target 2>&1)" ""
must touch m/target/new
check_eq "a new entry in the target" "$(ls -A m/target)" new
check_eq "the source" "$(ls -A m/src)" ""
