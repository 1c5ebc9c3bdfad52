// SPDX-License-Identifier: GPL-2.0-only
#include "mount_guard.h"

#include <cstdio>
#include <cstring>

#include <sys/mount.h>

#include "system.h"

namespace strata::bench {

Result<MountGuard> MountGuard::mount(const std::string &source, const std::string &target,
                                     const std::string &type, const std::string &data)
{
    if (::mount(source.c_str(), target.c_str(), type.c_str(), 0, data.c_str()) < 0)
        return sys_error("mount -t " + type + " " + target);
    return MountGuard(target);
}

Result<void> MountGuard::unmount()
{
    if (target_.empty())
        return {};
    if (::umount2(target_.c_str(), 0) < 0)
        return sys_error("umount " + target_);
    target_.clear();
    return {};
}

void MountGuard::release() noexcept
{
    if (target_.empty())
        return;
    if (::umount2(target_.c_str(), 0) < 0 && ::umount2(target_.c_str(), MNT_DETACH) < 0)
        std::fprintf(stderr, "strata-bench: cannot unmount %s: %s\n", target_.c_str(),
                     std::strerror(errno));
    target_.clear();
}

} // namespace strata::bench
