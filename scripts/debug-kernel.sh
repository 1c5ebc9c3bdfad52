#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build (or find in the cache) Strata's debug test kernel and print the
# directory that holds it: bzImage there, and build/ usable as KDIR.
#
# The cache lives outside the checkout and is keyed by the config fragment,
# this script and the linux-source-6.1 package version, so a second call with
# nothing changed costs nothing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
fragment=$top/tests/debug-kernel.config
cache_root=${STRATA_CACHE:-/var/cache/strata}/kernels

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( (cat "$fragment" "$0"; echo "$srcver") | sha256sum | cut -c1-16)
dir=$cache_root/debug-$key

# bzImage is copied last: its presence marks a complete build.
if [ -f "$dir/bzImage" ]; then
	echo "$dir"
	exit 0
fi

log=$cache_root/debug-$key.log
mkdir -p "$cache_root"
# Built in place: the build tree records the absolute source path, so it
# cannot be moved after the fact.
rm -rf "$dir"
mkdir -p "$dir/build"
echo "debug-kernel: building into $dir (log: $log)" >&2
start=$(date +%s)
{
	tar -C "$dir" -xf /usr/src/linux-source-6.1.tar.xz
	src=$(echo "$dir"/linux-source-6.1)
	make -C "$src" O="$dir/build" ARCH=x86_64 allnoconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$dir/build" \
		"$dir/build/.config" "$fragment"
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
done <"$fragment"
[ $bad -eq 0 ] || exit 1

make -C "$dir/linux-source-6.1" O="$dir/build" ARCH=x86_64 \
	-j"$(nproc)" bzImage modules >>"$log" 2>&1 ||
	{ tail -40 "$log" >&2; exit 1; }
echo "$(( $(date +%s) - start ))" >"$dir/build-seconds"
cp "$dir/build/arch/x86/boot/bzImage" "$dir/bzImage"
echo "debug-kernel: built in $(cat "$dir/build-seconds") s" >&2
echo "$dir"
