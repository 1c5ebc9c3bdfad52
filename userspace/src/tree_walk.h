// SPDX-License-Identifier: GPL-2.0-only
//
// A depth-first walk of a directory tree through directory fds, sorted by
// name, never following a symlink: the one traversal behind export and
// inspect.
#pragma once

#include <functional>
#include <string>

#include <sys/stat.h>

#include "strata/result.h"

namespace strata {

struct TreeEntry {
    const std::string &path; // relative to the root: "a/b"
    int parent_fd;           // the directory holding the entry
    const std::string &name;
    const struct stat &st;   // lstat of the entry
};

enum class WalkStep {
    Descend,      // into a directory (ignored for anything else)
    SkipChildren, // leave a directory's contents out
};

using TreeVisitor = std::function<Result<WalkStep>(const TreeEntry &)>;

// Visits every entry below root_fd (not the root itself), each directory
// before its contents. The first error stops the walk and is returned
// with the entry's path in front.
[[nodiscard]] Result<void> walk_tree(int root_fd, const TreeVisitor &visit);

} // namespace strata
