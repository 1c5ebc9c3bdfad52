#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: /sys/fs/strata reports version, features and the layer limit
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"

test -r /sys/fs/strata/version || fail "no /sys/fs/strata/version"
grep -q '^[0-9]*\.[0-9]*\.[0-9]*$' /sys/fs/strata/version || fail "version: $(cat /sys/fs/strata/version)"
grep -qw 'lowerdir+' /sys/fs/strata/features || fail "features: $(cat /sys/fs/strata/features)"
check_eq "max layers" "$(cat /sys/fs/strata/max_layers)" 500
