#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: layer, upper and work paths of 1000 to 3000 bytes mount through mount -t strata (fsconfig caps strings at 256 bytes; the helper sends paths)
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

# deep N: a path of about N bytes under $T, in 200-byte components.
deep() {
	p=$T/$2
	comp=$(printf '%0199d' 0)
	while [ ${#p} -lt "$1" ]; do
		p=$p/$comp
	done
	mkdir -p "$p"
	echo "$p"
}
top=$(deep 3000 a)
bottom=$(deep 1000 b)
upper=$(deep 2000 c)
work=$(deep 2000 d)
echo top >"$top/f"
echo bottom >"$bottom/g"
mkdir m
must mount -t strata -o "lowerdir=$top:$bottom,upperdir=$upper,workdir=$work" none m
check_eq "top" "$(cat m/f)" top
check_eq "bottom" "$(cat m/g)" bottom
echo new >m/g
check_eq "copied up into the long upper" "$(cat "$upper/g")" new
must umount m
