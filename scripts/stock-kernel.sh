#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Print the release of the newest installed Debian cloud kernel of one LTS
# series: its image is /boot/vmlinuz-REL, its headers (a KDIR)
# /usr/src/linux-headers-REL.
#
#   stock-kernel.sh [SERIES]    SERIES: 6.1 (the default: Debian 12's own
#                               kernel, 6.1.0-NN-cloud-amd64) or 6.12
#                               (6.12.NNN+deb12-cloud-amd64)
#
# The releases move with Debian updates, so they are found, never written
# down.
set -euo pipefail
series=${1:-6.1}
rel=$(ls /boot/vmlinuz-"$series".*-cloud-amd64 2>/dev/null | sed 's|.*/vmlinuz-||' |
	sort -V | tail -n 1)
[ -n "$rel" ] || { echo "stock-kernel: no $series cloud kernel in /boot (run scripts/deps.sh)" >&2; exit 1; }
[ -d "/usr/src/linux-headers-$rel" ] ||
	{ echo "stock-kernel: headers for $rel missing (run scripts/deps.sh)" >&2; exit 1; }
echo "$rel"
