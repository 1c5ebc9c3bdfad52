#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a user's O_WRONLY|O_TRUNC open of a root-owned 0644 lower file fails with EACCES and copies nothing (CVE-2018-16597)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo root-data >l1/f
chmod 0755 "$T" l1
rwunion m l1
check_eq "open" "$(as_user strata-probe open-err m/f 'O_WRONLY|O_TRUNC')" EACCES
check_eq "append" "$(as_user strata-probe open-err m/f 'O_WRONLY|O_APPEND')" EACCES
check_eq "upper" "$(upper_tree u)" ". directory"
check_eq "lower" "$(cat l1/f)" root-data
