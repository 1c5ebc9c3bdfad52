// SPDX-License-Identifier: GPL-2.0-only
#include "fs_context.h"

#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata {

namespace {

Error syscall_error(const std::string &what, int err)
{
    return Error{classify_errno(err), what + ": " + std::strerror(err), err};
}

int fsconfig(int fd, unsigned int cmd, const char *key, const char *value, int aux = 0)
{
    return static_cast<int>(::syscall(SYS_fsconfig, fd, cmd, key, value, aux));
}

// MOUNT_ATTR_* (new API) to MS_* (mount(2)); the atime field is a value.
unsigned long ms_flags(unsigned int attrs)
{
    static constexpr std::array<std::pair<unsigned int, unsigned long>, 6> bits{{
        {MOUNT_ATTR_RDONLY, MS_RDONLY},
        {MOUNT_ATTR_NOSUID, MS_NOSUID},
        {MOUNT_ATTR_NODEV, MS_NODEV},
        {MOUNT_ATTR_NOEXEC, MS_NOEXEC},
        {MOUNT_ATTR_NODIRATIME, MS_NODIRATIME},
        {MOUNT_ATTR_NOSYMFOLLOW, MS_NOSYMFOLLOW},
    }};
    unsigned long flags = 0;
    for (const auto &[attr, ms] : bits)
        flags |= (attrs & attr) ? ms : 0;
    switch (attrs & MOUNT_ATTR__ATIME) {
    case MOUNT_ATTR_NOATIME: flags |= MS_NOATIME; break;
    case MOUNT_ATTR_STRICTATIME: flags |= MS_STRICTATIME; break;
    default: flags |= MS_RELATIME; break;
    }
    return flags;
}

} // namespace

Result<void> remount(const std::string &target, unsigned int mount_attrs)
{
    if (::mount(nullptr, target.c_str(), nullptr, MS_REMOUNT | ms_flags(mount_attrs), nullptr) < 0)
        return syscall_error("remount " + target, errno);
    return {};
}

Result<void> legacy_mount(const std::string &source, const std::string &target,
                          const std::string &data, unsigned int mount_attrs)
{
    if (::mount(source.c_str(), target.c_str(), "strata", ms_flags(mount_attrs), data.c_str()) < 0)
        return syscall_error("mount(2) " + target, errno);
    return {};
}

Result<FsContext> FsContext::open(const std::string &fs_type)
{
    const long fd = ::syscall(SYS_fsopen, fs_type.c_str(), FSOPEN_CLOEXEC);
    if (fd >= 0)
        return FsContext(UniqueFd(static_cast<int>(fd)));
    const int err = errno;
    Error error = syscall_error("fsopen " + fs_type, err);
    if (err == ENODEV)
        error.message += " (the kernel has no '" + fs_type + "' filesystem type)";
    if (err == EPERM) {
        // As mount(8) does for an unprivileged user: a usage problem.
        error.failure = Failure::Usage;
        error.message += " (mounting needs CAP_SYS_ADMIN)";
    }
    return error;
}

Result<void> FsContext::configure(const ConfigCall &call)
{
    int rc = -1;
    switch (call.type) {
    case ConfigType::Flag:
        rc = fsconfig(fd_.get(), FSCONFIG_SET_FLAG, call.key.c_str(), nullptr);
        break;
    case ConfigType::String:
        rc = fsconfig(fd_.get(), FSCONFIG_SET_STRING, call.key.c_str(), call.value.c_str());
        break;
    case ConfigType::Path:
        rc = fsconfig(fd_.get(), FSCONFIG_SET_PATH, call.key.c_str(), call.value.c_str(), AT_FDCWD);
        break;
    }
    if (rc < 0)
        return syscall_error("fsconfig " + describe(call), errno);
    return {};
}

Result<void> FsContext::create()
{
    if (fsconfig(fd_.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr) < 0)
        return syscall_error("fsconfig create", errno);
    return {};
}

Result<UniqueFd> FsContext::mount(unsigned int mount_attrs)
{
    const long fd = ::syscall(SYS_fsmount, fd_.get(), FSMOUNT_CLOEXEC, mount_attrs);
    if (fd < 0)
        return syscall_error("fsmount", errno);
    return UniqueFd(static_cast<int>(fd));
}

std::vector<std::string> FsContext::read_log()
{
    std::vector<std::string> lines;
    std::array<char, 4096> buf{}; // a message is at most a short line
    for (;;) {
        const ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
        if (n > 0) {
            std::string line(buf.data(), static_cast<std::size_t>(n));
            if (line.ends_with('\n'))
                line.pop_back();
            lines.push_back(std::move(line));
        } else if (n == 0 || (errno != EINTR && errno != EMSGSIZE)) {
            break; // ENODATA: the log is empty
        }
    }
    return lines;
}

Result<void> attach_mount(const UniqueFd &mount_fd, const std::string &target)
{
    if (::syscall(SYS_move_mount, mount_fd.get(), "", AT_FDCWD, target.c_str(),
                  MOVE_MOUNT_F_EMPTY_PATH) < 0)
        return syscall_error("move_mount to " + target, errno);
    return {};
}

Result<UniqueFd> clone_mount(const std::string &target)
{
    const int fd = static_cast<int>(
        ::syscall(SYS_open_tree, AT_FDCWD, target.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
    if (fd < 0)
        return syscall_error("open_tree (clone) of " + target, errno);
    return UniqueFd(fd);
}

} // namespace strata
