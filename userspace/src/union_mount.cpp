// SPDX-License-Identifier: GPL-2.0-only
#include "strata/union_mount.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <memory>

#include <libmount.h>

#include "strata/errors.h"
#include "strata/layer_checks.h"
#include "strata/lowerdir.h"
#include "strata/mount_options.h"

namespace strata {

bool is_union_fstype(std::string_view fstype) noexcept
{
    return fstype == "strata" || fstype == "overlay";
}

namespace {

Result<void> apply_option(UnionMount &mount, const MountOption &option)
{
    const std::string value = option.value.value_or("");
    if (option.key == "lowerdir") {
        auto layers = split_lowerdir(value);
        if (!layers)
            return layers.error();
        mount.lower_layers = std::move(layers).value();
    } else if (option.key == "lowerdir+") {
        mount.lower_layers.push_back(unescape_path(value));
    } else if (option.key == "upperdir") {
        mount.upper_dir = unescape_path(value);
    } else if (option.key == "workdir") {
        mount.work_dir = unescape_path(value);
    } else {
        if (option.key == "userxattr")
            mount.userxattr = true;
        mount.options.push_back(option.value ? option.key + "=" + *option.value : option.key);
    }
    return {};
}

struct TableUnref {
    void operator()(libmnt_table *table) const noexcept { mnt_unref_table(table); }
};
struct IterFree {
    void operator()(libmnt_iter *iter) const noexcept { mnt_free_iter(iter); }
};

std::string or_empty(const char *text)
{
    return text ? text : "";
}

Result<UnionMount> describe_mount(libmnt_fs *fs)
{
    auto mount = parse_union_options(or_empty(mnt_fs_get_fs_options(fs)));
    if (!mount)
        return with_context("mount at " + or_empty(mnt_fs_get_target(fs)), mount.error());
    mount.value().target = or_empty(mnt_fs_get_target(fs));
    mount.value().fstype = or_empty(mnt_fs_get_fstype(fs));
    return mount;
}

} // namespace

Result<UnionMount> parse_union_options(std::string_view fs_options)
{
    auto options = split_options(fs_options);
    if (!options)
        return options.error();
    UnionMount mount;
    for (const auto &option : options.value()) {
        if (auto ok = apply_option(mount, option); !ok)
            return ok.error();
    }
    return mount;
}

Result<std::vector<UnionMount>> read_union_mounts(const std::string &mountinfo)
{
    errno = 0;
    const std::unique_ptr<libmnt_table, TableUnref> table(mnt_new_table_from_file(mountinfo.c_str()));
    const std::unique_ptr<libmnt_iter, IterFree> iter(mnt_new_iter(MNT_ITER_FORWARD));
    if (!table || !iter)
        return io_error("cannot read the mount table " + mountinfo, errno ? errno : ENOMEM);
    std::vector<UnionMount> mounts;
    libmnt_fs *fs = nullptr;
    while (mnt_table_next_fs(table.get(), iter.get(), &fs) == 0) {
        if (!is_union_fstype(or_empty(mnt_fs_get_fstype(fs))))
            continue;
        auto mount = describe_mount(fs);
        if (!mount)
            return mount.error();
        mounts.push_back(std::move(mount).value());
    }
    return mounts;
}

std::optional<UnionMount> find_mount_at(const std::vector<UnionMount> &mounts,
                                        const std::string &canonical_target)
{
    for (auto it = mounts.rbegin(); it != mounts.rend(); ++it) {
        if (it->target == canonical_target)
            return *it;
    }
    return std::nullopt;
}

std::optional<UnionMount> find_mount_with_upper(const std::vector<UnionMount> &mounts,
                                                const std::string &canonical_upper)
{
    for (auto it = mounts.rbegin(); it != mounts.rend(); ++it) {
        if (!it->upper_dir.empty() && canonical_path(it->upper_dir) == canonical_upper)
            return *it;
    }
    return std::nullopt;
}

bool same_layers(const UnionMount &mounted, const std::vector<std::string> &lowers,
                 const std::string &upper, const std::string &work)
{
    const auto same = [](const std::string &a, const std::string &b) {
        return a.empty() == b.empty() && (a.empty() || canonical_path(a) == canonical_path(b));
    };
    return mounted.lower_layers.size() == lowers.size() &&
           std::equal(lowers.begin(), lowers.end(), mounted.lower_layers.begin(), same) &&
           same(mounted.upper_dir, upper) && same(mounted.work_dir, work);
}

std::optional<std::string> changed_on_remount(const UnionMount &mounted,
                                              const std::vector<std::string> &options)
{
    for (const std::string &option : options) {
        if (std::ranges::find(mounted.options, option) == mounted.options.end())
            return option;
    }
    return std::nullopt;
}

} // namespace strata
