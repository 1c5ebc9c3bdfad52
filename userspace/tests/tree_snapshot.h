// SPDX-License-Identifier: GPL-2.0-only
//
// What a directory tree holds, as a value two trees can be compared by:
// type, mode, size, time, contents or link target, xattrs and which paths
// share an inode.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace strata::test {

struct NodeInfo {
    char type = '?'; // f, d, l, p, c, b, s
    mode_t mode = 0; // permission bits
    long long size = 0;
    long long mtime_sec = 0;
    long mtime_nsec = 0;
    unsigned long rdev = 0; // for devices: 0 for a whiteout
    std::string data;      // file contents or symlink target
    std::string linked_to; // for the second and later names of an inode: the first
    std::vector<std::pair<std::string, std::string>> xattrs;

    bool operator==(const NodeInfo &) const = default;
};

void PrintTo(const NodeInfo &node, std::ostream *os);

// Every entry below root (not root itself), by relative path.
[[nodiscard]] std::map<std::string, NodeInfo> snapshot(const std::filesystem::path &root);

// Whether the filesystem of dir takes user.* xattrs (tmpfs before 6.6 does not).
[[nodiscard]] bool user_xattrs_supported(const std::filesystem::path &dir);

// Whether this process may create whiteouts (0/0 character devices) in
// dir: root may, and since Linux 5.8 anyone may.
[[nodiscard]] bool whiteouts_supported(const std::filesystem::path &dir);

// Makes a whiteout at path, as overlayfs does.
[[nodiscard]] bool make_whiteout(const std::filesystem::path &path);

} // namespace strata::test
