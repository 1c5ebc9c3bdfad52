// SPDX-License-Identifier: GPL-2.0-only
#include "host_setup.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "path_rules.h"
#include "strata/user_namespace.h"
#include "unique_fd.h"

namespace strata::difftest {
namespace {

[[nodiscard]] Error system_error(const std::string &what, int err = errno)
{
    return Error{Failure::System, what + ": " + std::strerror(err), err};
}

} // namespace

Result<void> prepare_process(bool userns)
{
    if (::geteuid() != 0)
        return usage_error("must run as root (it mounts unions and makes whiteouts)");
    if (userns && in_initial_user_namespace())
        return usage_error("--userns: this is the initial user namespace; run it as the root of "
                           "one of its own (unshare -Urm strata-difftest ...)");
    // Symlink targets under dangling_root are meant to dangle; if it existed,
    // an op following one could write outside the scratch directory.
    struct stat st {};
    if (::lstat(std::string(dangling_root).c_str(), &st) == 0)
        return usage_error(std::string(dangling_root) + " exists; remove it first");
    if (::unshare(CLONE_NEWNS) < 0)
        return system_error("unshare(CLONE_NEWNS)");
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0)
        return system_error("making / private in the new mount namespace");
    ::umask(0);
    return {};
}

Result<bool> supports_user_xattrs(const std::string &dir)
{
    const std::string path = dir + "/xattr-probe";
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd.valid())
        return system_error("create " + path);
    const int ret = ::fsetxattr(fd.get(), "user.difftest", "1", 1, 0);
    const int err = errno;
    ::unlink(path.c_str());
    if (ret == 0)
        return true;
    if (err == EOPNOTSUPP || err == ENOTSUP)
        return false;
    return system_error("setxattr user.difftest on " + path, err);
}

} // namespace strata::difftest
