// SPDX-License-Identifier: GPL-2.0-only
#include "dir_listing.h"

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string_view>

#include <dirent.h>
#include <fcntl.h>

#include "beneath.h"
#include "strata/errors.h"

namespace strata {

namespace {

struct Closedir {
    void operator()(DIR *dir) const noexcept { ::closedir(dir); }
};

} // namespace

Result<std::vector<std::string>> list_directory(int dirfd)
{
    auto fd = open_beneath(dirfd, "", O_RDONLY | O_DIRECTORY);
    if (!fd)
        return fd.error();
    const std::unique_ptr<DIR, Closedir> dir(::fdopendir(fd.value().get()));
    if (!dir)
        return io_error("cannot read directory", errno);
    // The stream owns the fd now and closes it.
    [[maybe_unused]] const int owned_by_stream = fd.value().release();
    std::vector<std::string> names;
    for (;;) {
        errno = 0;
        const dirent *entry = ::readdir(dir.get());
        if (entry == nullptr)
            break;
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..")
            names.emplace_back(name);
    }
    if (errno != 0)
        return io_error("cannot read directory", errno);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace strata
