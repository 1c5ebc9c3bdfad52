// SPDX-License-Identifier: GPL-2.0-only
//
// Entry: one object of a generated lower layer, as the case file and the
// layer builder know it. Overlayfs metadata are entries too: a whiteout is
// the 0/0 character device overlayfs looks for, an opaque directory is a
// directory with trusted.overlay.opaque=y.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace strata::difftest {

enum class EntryKind { dir, file, symlink, hardlink, fifo, whiteout };

// user.* xattrs as name and value, in the order they are set.
using XattrList = std::vector<std::pair<std::string, std::string>>;

struct Entry {
    EntryKind kind = EntryKind::file;
    std::string path;        // relative to the layer's root, "a/b"
    std::uint32_t mode = 0;  // permission bits, 07777 at most
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint64_t size = 0;  // file: length
    std::uint64_t fill = 0;  // file: seed of its bytes (see content.h)
    bool sparse = false;     // file: some blocks are holes
    std::string target;      // symlink: its target; hardlink: a file path of the same layer
    bool opaque = false;     // dir: trusted.overlay.opaque=y
    XattrList xattrs;        // file and dir only: fifos and symlinks refuse user.*

    bool operator==(const Entry &) const = default;
};

} // namespace strata::difftest
