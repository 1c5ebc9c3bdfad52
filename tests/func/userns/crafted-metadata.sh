#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: in a user namespace, user.overlay.* marks on the layers are read as overlayfs reads them: only "y" is opaque, a long value is no mark, metacopy (EPERM; overlay: EIO without an origin) and redirect (EPERM) are refused, trusted.overlay.* means nothing
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_layers
userns_allow
mkdir -p "$B/l2/op" "$B/l2/no" "$B/l2/big" "$B/l2/tr" "$B/l1/op" "$B/l1/no" \
	"$B/l1/big" "$B/l1/tr"
for d in op no big tr; do echo below >"$B/l2/$d/x"; done
chmod -R a+rX "$B/l2"
must setfattr -n user.overlay.opaque -v y "$B/l1/op"
must setfattr -n user.overlay.opaque -v n "$B/l1/no"
must setfattr -n user.overlay.opaque -v "y$(head -c 500 /dev/zero | tr '\0' y)" "$B/l1/big"
must setfattr -n trusted.overlay.opaque -v y "$B/l1/tr"
echo meta >"$B/u/meta"
must setfattr -n user.overlay.metacopy "$B/u/meta"
mkdir "$B/u/redir"
must setfattr -n user.overlay.redirect -v /op "$B/u/redir"
chown -R 1000:1000 "$B/u"
USERNS_LOWER=$B/l1:$B/l2

userns_run "for d in op no big tr; do echo \$d: \$(ls m/\$d); done" ||
	fail "listing: $(cat "$T/.err")"
check_eq "marks" "$(tr '\n' ' ' <"$T/.out")" "op: no: x big: x tr: x "
userns_run "cat m/meta" && fail "a metacopy upper was read"
# overlay finds no origin to take the data from (EIO); Strata refuses
# every metadata-only copy alike.
refusal="not permitted"
[ "$FSTYPE" = overlay ] && refusal="Input/output error"
grep -q "$refusal" "$T/.err" || fail "metacopy: $(cat "$T/.err")"
userns_run "ls m/redir" && fail "a redirected dir was listed"
grep -q "not permitted" "$T/.err" || fail "redirect: $(cat "$T/.err")"
true
