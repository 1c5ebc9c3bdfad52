// SPDX-License-Identifier: GPL-2.0-only
#include "dir_layer.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>

#include "beneath.h"
#include "dir_listing.h"
#include "strata/errors.h"
#include "strata/overlay_format.h"
#include "xattr_io.h"

namespace strata {

namespace {

// A missing parent, or one that is a file or a symlink in this layer,
// means the path is not in it.
bool means_absent(int err)
{
    return err == ENOENT || err == ENOTDIR || err == ELOOP;
}

std::pair<std::string, std::string> split_last(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return {"", path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

} // namespace

Result<DirLayer> DirLayer::open(const std::string &path, bool userxattr)
{
    auto root = open_root(path);
    if (!root)
        return root.error();
    return DirLayer(path, std::move(root).value(), userxattr);
}

Result<Node> DirLayer::stat(const std::string &path) const
{
    const auto [parent_path, name] = split_last(path);
    auto parent = open_beneath(root_.get(), parent_path, O_PATH | O_DIRECTORY);
    if (!parent) {
        if (means_absent(parent.error().sys_errno))
            return Node{};
        return with_context(path_, parent.error());
    }
    const std::string target = name.empty() ? "." : name;
    struct stat st {};
    if (::fstatat(parent.value().get(), target.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0) {
        if (means_absent(errno))
            return Node{};
        return io_error(path_ + ": cannot stat '" + path + "'", errno);
    }
    if (is_whiteout(st.st_mode, st.st_rdev))
        return Node{NodeKind::Whiteout, false};
    if (!S_ISDIR(st.st_mode))
        return Node{NodeKind::Other, false};
    auto opaque = read_xattr(parent.value().get(), name, std::string(opaque_xattr(userxattr_)));
    if (!opaque)
        return with_context(path_ + ": '" + path + "'", opaque.error());
    return Node{NodeKind::Directory, opaque.value() && is_opaque_value(*opaque.value())};
}

Result<std::vector<std::string>> DirLayer::list(const std::string &path) const
{
    auto dir = open_beneath(root_.get(), path, O_RDONLY | O_DIRECTORY);
    if (!dir)
        return with_context(path_, dir.error());
    auto names = list_directory(dir.value().get());
    if (!names)
        return with_context(path_ + ": '" + path + "'", names.error());
    return names;
}

} // namespace strata
