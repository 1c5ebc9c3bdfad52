#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Packaging checks, run by the host tier of make check: make install and
# uninstall into a DESTDIR, and a DKMS build of the module in a private DKMS
# tree (nothing lands in the build machine's /lib/modules or /var/lib/dkms
# trees). Prints "PASS|FAIL host/packaging/NAME  description" lines.
#
#   packaging.sh KREL...  (kernels whose headers are installed; each is
#                         installed for and built by DKMS, named by series)
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 KREL..." >&2; exit 2; }
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"

result() { # STATUS NAME DESC [DETAIL]
	echo "$1 host/packaging/$2  $3"
	[ -n "${4:-}" ] && printf '%s\n' "$4" | sed 's/^/    /'
	return 0
}

version_of() { sed -n "$2" "$1" | head -n 1; }

# One version everywhere a user or a tool reads it.
v_dkms=$(version_of dkms.conf 's/^PACKAGE_VERSION="\(.*\)"/\1/p')
v_module=$(version_of fs/strata.h 's/^#define STRATA_VERSION[[:space:]]*"\(.*\)"/\1/p')
v_cmake=$(version_of userspace/CMakeLists.txt 's/^project(strata-userspace VERSION \([^ ]*\) .*/\1/p')
if [ -n "$v_dkms" ] && [ "$v_dkms" = "$v_module" ] && [ "$v_dkms" = "$v_cmake" ]; then
	result PASS version "dkms.conf, the module and the userspace agree on the version ($v_dkms)"
else
	result FAIL version "dkms.conf, the module and the userspace agree on the version" \
		"dkms.conf [$v_dkms], fs/strata.h [$v_module], CMakeLists.txt [$v_cmake]"
fi

# The drop-in configuration the README tells users to install: with the
# kernel's overlay.ko beside strata.ko, kmod's modprobe answers a request
# for overlay, by name or by the kernel's fs-overlay alias, by loading
# strata, and loads strata in drop-in mode.
check_drop_in_conf() {
	local krel=$1 series=$2 dest=$3 conf=$top/config/modprobe.d ko got=
	local desc="config/modprobe.d/strata-drop-in.conf makes modprobe load strata with drop_in=Y for overlay and fs-overlay ($krel)"
	ko=$(modprobe -S "$krel" --show-depends overlay 2>/dev/null | sed -n 's/^insmod \([^ ]*\).*/\1/p' | tail -n 1)
	if [ -n "$ko" ]; then
		mkdir -p "$dest/lib/modules/$krel/kernel/fs/overlayfs"
		cp "$ko" "$dest/lib/modules/$krel/kernel/fs/overlayfs/"
		depmod -b "$dest" "$krel" >/dev/null 2>&1
		for name in overlay fs-overlay strata; do
			got+="$name: $(modprobe -d "$dest" -S "$krel" -C "$conf" --show-depends "$name" 2>&1 | tr -s ' ');"
		done
	fi
	if [[ "$got" == "overlay: install /sbin/modprobe strata ;fs-overlay: install /sbin/modprobe strata ;strata: insmod $dest/lib/modules/$krel/extra/strata.ko drop_in=Y ;" ]]; then
		result PASS "drop-in-conf-$series" "$desc"
	else
		result FAIL "drop-in-conf-$series" "$desc" "overlay.ko: [$ko]; modprobe: [$got]"
	fi
	rm -rf "$dest/lib/modules/$krel/kernel"
}

# make install and uninstall, KDIR naming the kernel, into a DESTDIR.
check_install() {
	local krel=$1 series=$2 kdir=/usr/src/linux-headers-$1 dest=$tmp/root-$1
	local files="lib/modules/$krel/extra/strata.ko sbin/mount.strata usr/local/bin/strata"
	local out missing vermagic shown left
	if out=$(make -s install KDIR="$kdir" DESTDIR="$dest" PREFIX=/usr/local 2>&1); then
		missing=$(for f in $files; do [ -f "$dest/$f" ] || echo "$f"; done)
		vermagic=$(modinfo -F vermagic "$dest/lib/modules/$krel/extra/strata.ko" 2>&1)
		depmod -b "$dest" "$krel" >/dev/null 2>&1
		shown=$(modprobe -d "$dest" -S "$krel" --show-depends strata 2>&1)
		if [ -z "$missing" ] && [[ "$vermagic" == "$krel "* ]] &&
			[[ "$shown" == *"/lib/modules/$krel/extra/strata.ko"* ]]; then
			result PASS "install-$series" "make install for $krel puts module, helper and CLI in place; modprobe finds the module"
		else
			result FAIL "install-$series" "make install for $krel puts module, helper and CLI in place; modprobe finds the module" \
				"missing: [$missing]; vermagic: [$vermagic]; modprobe: [$shown]"
		fi
	else
		result FAIL "install-$series" "make install for $krel puts module, helper and CLI in place" "$out"
	fi

	check_drop_in_conf "$krel" "$series" "$dest"

	if out=$(make -s uninstall KDIR="$kdir" DESTDIR="$dest" PREFIX=/usr/local 2>&1) &&
		left=$(for f in $files; do [ -e "$dest/$f" ] && echo "$f"; done; true) && [ -z "$left" ]; then
		result PASS "uninstall-$series" "make uninstall for $krel removes what make install put in place"
	else
		result FAIL "uninstall-$series" "make uninstall for $krel removes what make install put in place" "$out${left:+; left: $left}"
	fi
}

# DKMS as a user would drive it, in a private tree: one source, a build
# for each kernel.
src=$tmp/src/strata-$v_dkms
mkdir -p "$src" "$tmp/dkms"
cp -r dkms.conf Kbuild fs "$src/"
trees=(--dkmstree "$tmp/dkms" --sourcetree "$tmp/src")
dkms add -m strata -v "$v_dkms" "${trees[@]}" >"$tmp/dkms-add.log" 2>&1 ||
	result FAIL dkms-add "dkms add takes the sources" "$(tail -n 20 "$tmp/dkms-add.log")"

check_dkms() {
	local krel=$1 series=$2 kdir=/usr/src/linux-headers-$1 out built
	local dir=$tmp/dkms/strata/$v_dkms/$krel/$(uname -m)/module
	# DKMS compresses the module as the kernel's own are (6.12: .ko.xz).
	if out=$(dkms build -m strata -v "$v_dkms" -k "$krel" "${trees[@]}" \
		--kernelsourcedir "$kdir" 2>&1) &&
		built=$(ls "$dir"/strata.ko* 2>/dev/null | head -n 1) && [ -n "$built" ] &&
		[[ "$(modinfo -F vermagic "$built")" == "$krel "* ]]; then
		result PASS "dkms-build-$series" "DKMS builds strata.ko from dkms.conf for $krel"
	else
		result FAIL "dkms-build-$series" "DKMS builds strata.ko from dkms.conf for $krel" "$(tail -n 20 <<<"$out")"
	fi
}

for krel in "$@"; do
	series=$(echo "$krel" | cut -d. -f1,2)
	check_install "$krel" "$series"
	check_dkms "$krel" "$series"
done
