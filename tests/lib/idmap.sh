#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the idmapped-layer tests (tests/func/idmap) after func.sh:
# layers given as idmapped bind mounts, as containerd (user-namespace pods)
# and systemd (--private-users) give them.

# idmap_src: $T/src, a fresh ext4 (tmpfs takes idmapped mounts only from
# 6.3), holding the lower l, upper u and workdir w; and the mount point m.
idmap_src() {
	need_ext4 src.img src
	mkdir -p src/l src/u src/w m
}

# idmapped SRC DEST MAP: DEST becomes an idmapped bind mount of SRC; MAP is
# FROM:TO:COUNT, the ids FROM.. of SRC's filesystem shown as TO.. (uids and
# gids alike), as strata-idmap takes it.
idmapped() {
	mkdir -p "$2"
	strata-idmap "$1" "$2" "$3" 2>"$T/.err" ||
		fail "idmapped mount of $1: $(cat "$T/.err")"
}
