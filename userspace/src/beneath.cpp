// SPDX-License-Identifier: GPL-2.0-only
#include "beneath.h"

#include <cerrno>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "strata/entry_path.h"
#include "strata/errors.h"

namespace strata {

Result<UniqueFd> open_root(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot open '" + path + "'", errno);
    return UniqueFd(fd);
}

Result<UniqueFd> open_beneath(int dirfd, const std::string &path, int flags)
{
    open_how how{};
    how.flags = static_cast<__u64>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const char *name = path.empty() ? "." : path.c_str();
    long fd;
    do {
        // glibc 2.36 has no openat2() wrapper.
        fd = ::syscall(SYS_openat2, dirfd, name, &how, sizeof(how));
    } while (fd < 0 && errno == EAGAIN);
    if (fd < 0)
        return io_error("cannot open '" + display_name(path) + "'", errno);
    return UniqueFd(static_cast<int>(fd));
}

std::string fd_path(int dirfd, const std::string &name)
{
    // "N/." rather than "N" for the directory itself: the l*xattr calls
    // do not follow their last component, and "N" is a symlink.
    return "/proc/self/fd/" + std::to_string(dirfd) + "/" + (name.empty() ? "." : name);
}

} // namespace strata
