// SPDX-License-Identifier: GPL-2.0-only
#include "lower_layers.h"

#include "strata/layer_checks.h"
#include "strata/lowerdir.h"

namespace strata::cli {

namespace {

// An unreadable mount table hides no layer the user could not give
// with --lowerdir; it just means no mount is found.
std::vector<UnionMount> mounted_unions()
{
    auto mounts = read_union_mounts();
    return mounts ? std::move(mounts).value() : std::vector<UnionMount>{};
}

} // namespace

std::optional<UnionMount> mount_at(const std::string &path)
{
    return find_mount_at(mounted_unions(), canonical_path(path));
}

std::optional<UnionMount> mount_with_upper(const std::string &upper)
{
    return find_mount_with_upper(mounted_unions(), canonical_path(upper));
}

Result<std::vector<std::string>> lower_layers(const std::string &lowerdir, const std::optional<UnionMount> &mount)
{
    if (!lowerdir.empty())
        return split_lowerdir(lowerdir);
    if (mount)
        return mount->lower_layers;
    return std::vector<std::string>{};
}

} // namespace strata::cli
