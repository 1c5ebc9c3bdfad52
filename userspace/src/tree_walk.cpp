// SPDX-License-Identifier: GPL-2.0-only
#include "tree_walk.h"

#include <cerrno>

#include <fcntl.h>

#include "beneath.h"
#include "dir_listing.h"
#include "strata/entry_path.h"
#include "strata/errors.h"

namespace strata {

namespace {

Result<void> walk_directory(int dir_fd, const std::string &dir_path, const TreeVisitor &visit);

Result<void> walk_entry(int dir_fd, const std::string &path, const std::string &name,
                        const TreeVisitor &visit)
{
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        return with_context(quoted_name(path), io_error("cannot stat", errno));
    auto step = visit(TreeEntry{path, dir_fd, name, st});
    if (!step)
        return with_context(quoted_name(path), step.error());
    if (!S_ISDIR(st.st_mode) || step.value() == WalkStep::SkipChildren)
        return {};
    auto child = open_beneath(dir_fd, name, O_RDONLY | O_DIRECTORY);
    if (!child)
        return with_context(quoted_name(path), child.error());
    return walk_directory(child.value().get(), path, visit);
}

Result<void> walk_directory(int dir_fd, const std::string &dir_path, const TreeVisitor &visit)
{
    auto names = list_directory(dir_fd);
    if (!names)
        return with_context(quoted_name(dir_path), names.error());
    for (const auto &name : names.value()) {
        if (auto ok = walk_entry(dir_fd, child_path(dir_path, name), name, visit); !ok)
            return ok;
    }
    return {};
}

} // namespace

Result<void> walk_tree(int root_fd, const TreeVisitor &visit)
{
    return walk_directory(root_fd, "", visit);
}

} // namespace strata
