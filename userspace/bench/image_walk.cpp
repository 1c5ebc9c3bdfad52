// SPDX-License-Identifier: GPL-2.0-only
#include "image_walk.h"

#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

#include "bench_paths.h"
#include "dents.h"
#include "system.h"
#include "unique_fd.h"

namespace strata::bench {
namespace {

constexpr std::size_t dents_buffer = 32 << 10;

[[nodiscard]] Result<void> walk(int dir_fd, const std::string &name, std::size_t &seen)
{
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0)
        return sys_error("lstat " + name);
    seen++;
    if (!S_ISDIR(st.st_mode))
        return {};
    const UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid())
        return sys_error("open " + name);
    std::vector<std::string> children;
    const int err = probe::for_each_dent(fd.get(), dents_buffer, [&](std::string_view child, auto, auto) {
        if (child != "." && child != "..")
            children.emplace_back(child);
    });
    if (err != 0)
        return sys_error("getdents64 " + name, err);
    for (const std::string &child : children) {
        if (auto done = walk(fd.get(), child, seen); !done)
            return done;
    }
    return {};
}

} // namespace

Result<std::size_t> walk_image(int root_fd)
{
    std::size_t seen = 0;
    for (const char *root : paths::image_roots) {
        if (auto done = walk(root_fd, root, seen); !done)
            return done.error();
    }
    return seen;
}

} // namespace strata::bench
