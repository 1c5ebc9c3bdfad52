#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Print the release of the newest installed Debian cloud kernel (6.1.0-NN-
# cloud-amd64): its image is /boot/vmlinuz-REL, its headers (a KDIR)
# /usr/src/linux-headers-REL. NN moves with Debian updates, so it is found,
# never written down.
set -euo pipefail
rel=$(ls /boot/vmlinuz-6.1.*-cloud-amd64 2>/dev/null | sed 's|.*/vmlinuz-||' |
	sort -V | tail -n 1)
[ -n "$rel" ] || { echo "stock-kernel: no 6.1 cloud kernel in /boot (run scripts/deps.sh)" >&2; exit 1; }
[ -d "/usr/src/linux-headers-$rel" ] ||
	{ echo "stock-kernel: headers for $rel missing (run scripts/deps.sh)" >&2; exit 1; }
echo "$rel"
