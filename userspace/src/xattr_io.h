// SPDX-License-Identifier: GPL-2.0-only
//
// Extended attributes of a name in an open directory, read and written
// without following a symlink at that name (the l*xattr calls through
// fd_path), so that the same calls serve files, directories, symlinks
// and device nodes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "strata/result.h"

namespace strata {

struct Xattr {
    std::string name;
    std::string value;

    bool operator==(const Xattr &) const = default;
};

// All xattrs of name in dirfd that this process can read, sorted by name;
// none where the filesystem has no xattrs.
[[nodiscard]] Result<std::vector<Xattr>> read_xattrs(int dirfd, const std::string &name);

// One xattr's value; nullopt when it is not set (or xattrs are unsupported).
[[nodiscard]] Result<std::optional<std::string>> read_xattr(int dirfd, const std::string &name,
                                                            const std::string &key);

[[nodiscard]] Result<void> write_xattr(int dirfd, const std::string &name, const Xattr &xattr);

} // namespace strata
