#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: build, boot Debian's stock kernel in QEMU, load strata.ko, stack
# three layers with mount -t strata and show the merged view.
#
#   DEMO_SERIES=6.12 make demo    on the 6.12 stock kernel (default: 6.1)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=build/demo
mkdir -p "$out"

scripts/deps.sh
series=${DEMO_SERIES:-6.1}
krel=$(scripts/stock-kernel.sh "$series")
make -s userspace >"$out/build.log" 2>&1 || { tail -n 20 "$out/build.log"; exit 1; }
scripts/build-module.sh "/usr/src/linux-headers-$krel" "build/kmod-demo-$series" >>"$out/build.log" 2>&1 ||
	{ tail -n 20 "$out/build.log"; exit 1; }
scripts/mkinitramfs.sh "$out/demo.cpio" "build/kmod-demo-$series" build/userspace "$krel" 2>>"$out/build.log"
echo "booting Linux $krel in QEMU (TCG; about half a minute)..."
rc=0
scripts/qemu-run.sh "/boot/vmlinuz-$krel" "$out/demo.cpio" "$out/console.log" \
	"$out/demo.txt" 300 strata.mode=demo || rc=$?
tr -d '\r' <"$out/demo.txt"
[ $rc -eq 0 ] || { echo "demo: the guest failed (exit $rc); console log: $out/console.log"; exit 1; }
