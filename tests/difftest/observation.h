// SPDX-License-Identifier: GPL-2.0-only
//
// Observation: what one path shows, in the terms the two filesystems are
// compared in. Deliberately absent: st_ino and st_dev (strata numbers its
// inodes its own way, see README), st_blocks (copy-up keeps holes to the
// block), atime and ctime (any access sets them), and directory sizes and
// link counts (each filesystem counts its own way). mtime is recorded but
// compared only where MtimePins says it is deterministic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::difftest {

struct Observation {
    int err = 0;             // lstat's errno; every field below is empty unless 0
    std::string type;        // "reg", "dir", "lnk", "fifo", "whiteout" (chr 0/0), "chr 1:3", ...
    std::uint32_t perm = 0;  // st_mode & 07777
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::optional<std::uint64_t> size;  // not for directories
    std::optional<std::uint64_t> nlink; // not for directories
    std::string link_target;            // symlinks
    std::string content;                // regular files: "SIZE HASH", or the read error
    std::string xattrs;                 // "name=value ..." sorted; see Observer
    std::string opaque;                 // directories: trusted.overlay.opaque, or its errno
    std::optional<std::vector<std::string>> entries; // directories: sorted, no . and ..
    int list_err = 0;                   // directories: errno of listing them, if any
    std::string dino;                   // directories: entries whose d_ino is not their st_ino
    std::string identity;               // what st_ino numbers (see identity.h), if known
    std::int64_t mtime_ns = 0;
};

// Every object of a tree by its path relative to the root ("." is the root).
using Tree = std::map<std::string, Observation>;

} // namespace strata::difftest
