// SPDX-License-Identifier: GPL-2.0-only
#include "mount_guard.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/mount.h>

namespace strata::difftest {

Result<MountGuard> MountGuard::mount(const std::string &fstype, const std::string &target,
                                     const std::string &data)
{
    if (::mount("difftest", target.c_str(), fstype.c_str(), 0, data.c_str()) < 0)
        return Error{Failure::MountFailed,
                     "mount -t " + fstype + " " + target + ": " + std::strerror(errno), errno};
    return MountGuard(target);
}

Result<void> MountGuard::unmount()
{
    if (target_.empty())
        return {};
    if (::umount2(target_.c_str(), 0) < 0)
        return Error{Failure::System, "umount " + target_ + ": " + std::strerror(errno), errno};
    target_.clear();
    return {};
}

MountGuard::~MountGuard()
{
    if (target_.empty())
        return;
    if (::umount2(target_.c_str(), 0) < 0 && ::umount2(target_.c_str(), MNT_DETACH) < 0)
        std::fprintf(stderr, "strata-difftest: cannot unmount %s: %s\n", target_.c_str(),
                     std::strerror(errno));
}

} // namespace strata::difftest
