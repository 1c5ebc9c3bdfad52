#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: random operation sequences run by the root of a user namespace give the same results on strata as on the kernel's overlay, both mounted there with userxattr
# fstypes: strata
. "$STRATA_TESTS/lib/func.sh"
. "$STRATA_TESTS/lib/userns.sh"

userns_allow
userns_difftest 3000 40 15
