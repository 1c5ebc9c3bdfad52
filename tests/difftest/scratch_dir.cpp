// SPDX-License-Identifier: GPL-2.0-only
#include "scratch_dir.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dents.h"
#include "unique_fd.h"

namespace strata::difftest {
namespace {

constexpr std::size_t dents_buffer = 32 << 10;

// Removes name in the directory parent_fd, recursively, if it is on dev.
[[nodiscard]] int remove_at(int parent_fd, const std::string &name, dev_t dev)
{
    struct stat st {};
    if (::fstatat(parent_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        return errno;
    if (!S_ISDIR(st.st_mode))
        return ::unlinkat(parent_fd, name.c_str(), 0) < 0 ? errno : 0;
    if (st.st_dev != dev)
        return EBUSY; // a mount point: never empty another filesystem
    const UniqueFd fd(
        ::openat(parent_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid())
        return errno;
    std::vector<std::string> children;
    int err = probe::for_each_dent(fd.get(), dents_buffer, [&](std::string_view child, auto, auto) {
        if (child != "." && child != "..")
            children.emplace_back(child);
    });
    for (const std::string &child : children) {
        if (const int child_err = remove_at(fd.get(), child, dev); child_err != 0 && err == 0)
            err = child_err;
    }
    if (err != 0)
        return err;
    return ::unlinkat(parent_fd, name.c_str(), AT_REMOVEDIR) < 0 ? errno : 0;
}

} // namespace

int remove_tree(const std::string &path)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) < 0)
        return errno;
    return remove_at(AT_FDCWD, path, st.st_dev);
}

Result<ScratchDir> ScratchDir::create(const std::string &parent, const std::string &prefix)
{
    std::string path = parent + "/" + prefix + ".XXXXXX";
    if (::mkdtemp(path.data()) == nullptr)
        return Error{Failure::System,
                     "cannot make a directory in " + parent + ": " + std::strerror(errno), errno};
    return ScratchDir(std::move(path));
}

ScratchDir::~ScratchDir()
{
    if (path_.empty())
        return;
    if (const int err = remove_tree(path_); err != 0)
        std::fprintf(stderr, "strata-difftest: cannot remove %s: %s\n", path_.c_str(),
                     std::strerror(err));
}

} // namespace strata::difftest
