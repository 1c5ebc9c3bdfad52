#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest's soak plan (make soak): the long runs, tests/soak/*.sh, each
# reporting what it measured as detail lines beside its result.
. /strata/tests/lib/guest.sh
mode=stock

for m in overlay loop; do
	modprobe $m || echo "strata-guest: $m.ko did not load"
done
modload strata /strata/modules/strata.ko
for script in "$STRATA_TESTS"/soak/*.sh; do
	run_one strata "$script"
done
report END "$mode"
