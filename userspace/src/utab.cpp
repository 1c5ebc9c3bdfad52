// SPDX-License-Identifier: GPL-2.0-only
#include "utab.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include <libmount.h>

namespace strata {

namespace {

struct FsUnref {
    void operator()(libmnt_fs *fs) const noexcept { mnt_unref_fs(fs); }
};
struct UpdateFree {
    void operator()(libmnt_update *update) const noexcept { mnt_free_update(update); }
};
using FsPtr = std::unique_ptr<libmnt_fs, FsUnref>;
using UpdatePtr = std::unique_ptr<libmnt_update, UpdateFree>;

int describe_fs(libmnt_fs *fs, const std::string &source, const std::string &target,
                const std::string &options)
{
    int rc = mnt_fs_set_source(fs, source.c_str());
    if (rc == 0)
        rc = mnt_fs_set_target(fs, target.c_str());
    if (rc == 0)
        rc = mnt_fs_set_fstype(fs, "strata");
    if (rc == 0)
        rc = mnt_fs_set_options(fs, options.c_str());
    return rc;
}

} // namespace

Result<void> record_in_utab(const std::string &source, const std::string &target,
                            const std::string &options)
{
    FsPtr fs(mnt_new_fs());
    UpdatePtr update(mnt_new_update());
    int rc = (fs && update) ? describe_fs(fs.get(), source, target, options) : -ENOMEM;
    // mnt_update_set_fs() keeps only the userspace options; 1 means none.
    if (rc == 0)
        rc = mnt_update_set_fs(update.get(), 0, nullptr, fs.get());
    if (rc == 1)
        return {};
    if (rc == 0)
        rc = mnt_update_table(update.get(), nullptr);
    if (rc < 0)
        return Error{Failure::FileIo,
                     "mounted, but failed to update the userspace mount table (utab): " +
                         std::string(std::strerror(-rc)),
                     -rc};
    return {};
}

} // namespace strata
