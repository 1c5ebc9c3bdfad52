#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# desc: /proc/mounts shows the lower layers in order
. "$STRATA_TESTS/lib/func.sh"

mklayers 3
union m "$T/l3" "$T/l1" "$T/l2"
opts=$(awk -v m="$T/m" '$2 == m { print $4 }' /proc/mounts)
case ",$opts," in
*",lowerdir=$T/l3:$T/l1:$T/l2,"*) ;;
*) fail "options: $opts" ;;
esac
