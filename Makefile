# SPDX-License-Identifier: GPL-2.0-only
# Strata: the human entry point. Kbuild holds the module's object lists.
#
#   make              strata.ko for KVER or KDIR, and the userspace tools
#   make check        every test tier (installs what it needs; see README.md)
#   make check-full   the same with every crash point, both debug kernels,
#                     the suite on ext4, xfs and btrfs beside overlay and the
#                     container tier's long tests
#   make check-containers  the container tier alone, long tests included:
#                     podman and dockerd on Strata (mount program, drop-in)
#                     and on the kernel's overlay
#   make soak         the long runs: a million-entry directory listed through
#                     strata, overlay and bare tmpfs (build/check/results.txt)
#   make demo         boot a test kernel in QEMU and show a union at work
#                     (DEMO_SERIES=6.12: on the 6.12 stock kernel)
#   make bench        strata against overlay, fuse-overlayfs and bare in QEMU;
#                     writes build/bench/report.md (BENCH_QUICK=1: a subset)
#   make install      module into the kernel's extra/ (+ depmod), mount.strata
#                     in /sbin, the strata CLI in PREFIX/bin
#   make uninstall    the reverse
#   make dkms-install module sources to /usr/src/strata-VERSION, built and
#                     installed by DKMS for KVER (default: the running kernel;
#                     DKMS builds it for kernels installed later too;
#                     dkms-uninstall: the reverse, for every kernel)

# The kernel to build for: KVER names a release (default: the running one),
# KDIR its build tree. Build machines often run another kernel than they
# target: without KVER given and without the running kernel's tree, the
# newest installed Debian 6.1 cloud headers (Debian 12's own kernel).
ifeq ($(origin KVER),undefined)
KVER := $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.*-cloud-amd64))))
else
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build /usr/src/linux-headers-$(KVER)))
endif
# Warnings are errors in the project's own checks only (make check sets it).
STRATA_WERROR ?=
# make check builds Release (and, in its host tier, Debug).
STRATA_BUILD_TYPE ?= RelWithDebInfo
BUILD ?= $(CURDIR)/build
KMOD_OUT ?= $(BUILD)/kmod
DESTDIR ?=
PREFIX ?= /usr/local

.PHONY: all module userspace check check-full check-containers soak demo bench install uninstall dkms-install dkms-uninstall clean

all: module userspace

module:
	@test -n "$(KDIR)" || { echo "no kernel build tree for $(KVER): set KVER or KDIR, or run scripts/deps.sh"; exit 1; }
	STRATA_WERROR=$(STRATA_WERROR) scripts/build-module.sh $(KDIR) $(KMOD_OUT)

userspace:
	cmake -S userspace -B $(BUILD)/userspace -DCMAKE_BUILD_TYPE=$(STRATA_BUILD_TYPE) \
		-DCMAKE_INSTALL_PREFIX=$(PREFIX) \
		-DSTRATA_WERROR=$(if $(filter y,$(STRATA_WERROR)),ON,OFF) >/dev/null
	cmake --build $(BUILD)/userspace -j$$(nproc)

check:
	tests/check.sh

# The long runs: every crash point on both stock kernels and both debug
# kernels (6.1 with DEBUG_CREDENTIALS); about twice make check's time.
check-full:
	STRATA_CRASH_ALL=1 STRATA_CRASH_POINTS=20 STRATA_DEBUG_SERIES="6.12 6.1" STRATA_DEBUG_FULL=1 \
		STRATA_BACKING_ALL=1 STRATA_CONTAINERS_FULL=1 tests/check.sh

soak:
	STRATA_TIERS=soak tests/check.sh

check-containers:
	STRATA_TIERS=containers STRATA_CONTAINERS_FULL=1 tests/check.sh

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

# The release the module's vermagic names (Debian's headers record another
# string in kernel.release): where the module belongs.
KREL = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

INSTALLED = $(DESTDIR)/lib/modules/$(KREL)/extra/strata.ko $(DESTDIR)/sbin/mount.strata \
	$(DESTDIR)$(PREFIX)/bin/strata

install: all
	@test -n "$(KREL)" || { echo "no kernel release in $(KDIR)"; exit 1; }
	install -D -m 0644 $(KMOD_OUT)/strata.ko \
		$(DESTDIR)/lib/modules/$(KREL)/extra/strata.ko
	test -n "$(DESTDIR)" || depmod -a $(KREL)
	install -D -m 0755 $(BUILD)/userspace/mount.strata $(DESTDIR)/sbin/mount.strata
	install -D -m 0755 $(BUILD)/userspace/strata $(DESTDIR)$(PREFIX)/bin/strata

uninstall:
	@test -n "$(KREL)" || { echo "no kernel release in $(KDIR)"; exit 1; }
	rm -f $(INSTALLED)
	test -n "$(DESTDIR)" || depmod -a $(KREL)

# The version DKMS files the sources under; dkms.conf is its one source.
VERSION = $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SRC = $(DESTDIR)/usr/src/strata-$(VERSION)

dkms-install:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)
	cp -r dkms.conf Kbuild fs $(DKMS_SRC)/
	dkms install -m strata -v $(VERSION) -k $(KVER)

dkms-uninstall:
	-dkms remove -m strata -v $(VERSION) --all
	rm -rf $(DKMS_SRC)

clean:
	rm -rf $(BUILD)
