#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build strata.ko (and strata_kunit.ko where the kernel has KUnit) against
# KDIR in OUT; the feature probes (fs/probes/) run first, against KDIR. Each kernel gets its own build directory, so the stock and the
# debug kernel's objects never mix; rsync keeps timestamps, so rebuilds are
# incremental.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 KDIR OUT" >&2; exit 2; }
kdir=$1 out=$(realpath -m "$2")
top=$(cd "$(dirname "$0")/.." && pwd)

mkdir -p "$out"
rsync -a --delete --exclude '*.o' --exclude '*.ko' --exclude '*.cmd' \
	--exclude '*.mod*' --exclude '.*' --exclude compat_probes.h "$top/fs" "$out/"
cp -p "$top/Kbuild" "$out/Kbuild"
# STRATA_WERROR=y (make check) makes warnings errors.
make -s -C "$kdir" M="$out" W=1 STRATA_WERROR="${STRATA_WERROR:-}" modules
