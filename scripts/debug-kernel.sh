#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build (or find in the cache) Strata's debug test kernel for one LTS series
# and print the directory that holds it: bzImage there, and build/ usable as
# KDIR.
#
#   scripts/debug-kernel.sh [SERIES]     SERIES: 6.12 (the default) or 6.1
#
# The kernel is allnoconfig plus tests/debug-kernel.config, plus
# tests/debug-kernel-SERIES.config where that exists (options only one series
# has). The cache lives outside the checkout and is keyed by the fragments,
# this script and the linux-source-SERIES package version, so a second call
# with nothing changed costs nothing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
series=${1:-6.12}
case "$series" in
6.1 | 6.12) ;;
*) echo "debug-kernel: unknown series '$series' (6.1 or 6.12)" >&2; exit 2 ;;
esac
fragments=("$top/tests/debug-kernel.config")
[ -f "$top/tests/debug-kernel-$series.config" ] &&
	fragments+=("$top/tests/debug-kernel-$series.config")
cache_root=${STRATA_CACHE:-/var/cache/strata}/kernels

srcver=$(dpkg-query -W -f='${Version}' "linux-source-$series") ||
	{ echo "debug-kernel: linux-source-$series is not installed (run scripts/deps.sh)" >&2; exit 1; }
key=$( (cat "${fragments[@]}" "$0"; echo "$series $srcver") | sha256sum | cut -c1-16)
dir=$cache_root/debug-$series-$key

# bzImage is copied last: its presence marks a complete build.
if [ -f "$dir/bzImage" ]; then
	echo "$dir"
	exit 0
fi

log=$cache_root/debug-$series-$key.log
mkdir -p "$cache_root"
# Built in place: the build tree records the absolute source path, so it
# cannot be moved after the fact.
rm -rf "$dir"
mkdir -p "$dir/build"
src=$dir/linux-source-$series
echo "debug-kernel: building $series into $dir (log: $log)" >&2
start=$(date +%s)
{
	tar -C "$dir" -xf "/usr/src/linux-source-$series.tar.xz"
	make -C "$src" O="$dir/build" ARCH=x86_64 allnoconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$dir/build" \
		"$dir/build/.config" "${fragments[@]}"
	make -C "$src" O="$dir/build" ARCH=x86_64 olddefconfig
} >"$log" 2>&1

# Kconfig drops an option whose dependencies are unmet without a word;
# refuse such a kernel instead of testing with a sanitizer silently missing.
bad=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=*) ;; *) continue ;; esac
	opt=${line%%=*} val=${line#*=}
	if [ "$val" = n ]; then
		grep -q "^$opt=" "$dir/build/.config" && { echo "debug-kernel: $opt should be off" >&2; bad=1; }
	elif ! grep -qx "$opt=$val" "$dir/build/.config"; then
		echo "debug-kernel: $opt=$val did not take (unmet dependency?)" >&2
		bad=1
	fi
done < <(cat "${fragments[@]}")
[ $bad -eq 0 ] || exit 1

make -C "$src" O="$dir/build" ARCH=x86_64 -j"$(nproc)" bzImage modules >>"$log" 2>&1 ||
	{ tail -40 "$log" >&2; exit 1; }
echo "$(( $(date +%s) - start ))" >"$dir/build-seconds"
cp "$dir/build/arch/x86/boot/bzImage" "$dir/bzImage"
echo "debug-kernel: built $series in $(cat "$dir/build-seconds") s" >&2
echo "$dir"
