// SPDX-License-Identifier: GPL-2.0-only
#include "tree_removal.h"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beneath.h"
#include "dir_listing.h"
#include "strata/entry_path.h"
#include "strata/errors.h"

namespace strata {

namespace {

Result<void> remove_directory(int parent_fd, const std::string &name)
{
    // Best effort: if it fails, the removal below reports the real problem.
    (void)::fchmodat(parent_fd, name.c_str(), S_IRWXU, 0);
    auto dir = open_beneath(parent_fd, name, O_RDONLY | O_DIRECTORY);
    if (!dir)
        return dir.error();
    if (auto ok = remove_contents(dir.value().get()); !ok)
        return ok;
    if (::unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR) < 0)
        return io_error("cannot remove directory '" + display_name(name) + "'", errno);
    return {};
}

} // namespace

Result<void> remove_contents(int dir_fd)
{
    auto names = list_directory(dir_fd);
    if (!names)
        return names.error();
    for (const auto &name : names.value()) {
        struct stat st {};
        if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
            return io_error("cannot stat '" + display_name(name) + "'", errno);
        if (S_ISDIR(st.st_mode)) {
            if (auto ok = remove_directory(dir_fd, name); !ok)
                return ok;
        } else if (::unlinkat(dir_fd, name.c_str(), 0) < 0) {
            return io_error("cannot remove '" + display_name(name) + "'", errno);
        }
    }
    return {};
}

} // namespace strata
