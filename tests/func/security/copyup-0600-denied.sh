#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: a root-only 0600 lower file cannot be read, nor copied up by a user's chmod, through the mounter's rights (CVE-2020-16120)
. "$STRATA_TESTS/lib/func.sh"

mklayers 1
echo secret >l1/s
chmod 0600 l1/s
chmod 0755 "$T" l1
rwunion m l1
check_eq "open" "$(as_user strata-probe open-err m/s O_RDONLY)" EACCES
must_fail as_user chmod 0644 m/s
must_fail as_user cp m/s "$T/stolen"
check_eq "upper" "$(upper_tree u)" ". directory"
