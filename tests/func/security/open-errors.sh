#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: open(2) errors through the union match the bare layer's reasons
. "$STRATA_TESTS/lib/func.sh"

mklayers 2
echo s >l1/secret
chmod 0600 l1/secret
mkdir l1/d
chmod 0755 "$T" l1 l2
union m l1 l2
check_eq "user reads 0600" "$(as_user strata-probe open-err m/secret O_RDONLY)" EACCES
check_eq "write on ro union" "$(strata-probe open-err m/secret O_WRONLY)" EROFS
check_eq "directory as file" "$(strata-probe open-err m/d O_WRONLY)" EISDIR
check_eq "file as directory" "$(strata-probe open-err m/secret O_RDONLY\|O_DIRECTORY)" ENOTDIR
check_eq "missing" "$(strata-probe open-err m/none O_RDONLY)" ENOENT
check_eq "create on ro union" "$(strata-probe open-err m/new O_WRONLY\|O_CREAT)" EROFS
