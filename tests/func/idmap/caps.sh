#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: file capabilities on an idmapped lower (CVE-2021-3493's class): stored v2 capabilities read as v3 with the mapped root id, and a copy-up stores that root id, never capabilities for the host's root
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/idmap.sh"

# caps_of FILE: its security.capability in hex.
caps_of() {
	getfattr -e hex -n security.capability "$1" 2>/dev/null | sed -n 's/^security.capability=//p'
}

idmap_src
cp /bin/busybox src/l/tool
setcap cap_net_raw+ep src/l/tool 2>"$T/.err" || skip "setcap: $(cat "$T/.err")"
# v2, as root's setcap stores it: effective, permitted CAP_NET_RAW (bit 13).
check_eq "stored caps" "$(caps_of src/l/tool)" 0x0100000200200000000000000000000000000000
idmapped "$T/src/l" "$T/idl" 0:100000:65536
must mount -t "$FSTYPE" -o "lowerdir=$T/idl,upperdir=$T/src/u,workdir=$T/src/w" none m

# v3 with root id 100000 (0xa0860100, little-endian).
v3=0x0100000300200000000000000000000000000000a0860100
check_eq "caps in the union" "$(caps_of m/tool)" "$v3"
must touch m/tool
check_eq "copy's stored caps" "$(caps_of src/u/tool)" "$v3"
check_eq "copy's caps in the union" "$(caps_of m/tool)" "$v3"
must umount m
