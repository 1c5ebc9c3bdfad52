// SPDX-License-Identifier: GPL-2.0-only
#include "strata/oci_name.h"

#include "strata/errors.h"

namespace strata {

namespace {

Result<TarName> classify_last(PathComponents path)
{
    const std::string base = std::move(path.back());
    path.pop_back(); // now the parent directory
    if (base == opaque_marker)
        return TarName{TarNameKind::Opaque, std::move(path)};
    if (base.starts_with(aufs_meta_prefix))
        return TarName{TarNameKind::AufsMeta, std::move(path)};
    if (!base.starts_with(whiteout_prefix)) {
        path.push_back(base);
        return TarName{TarNameKind::Regular, std::move(path)};
    }
    const std::string hidden = base.substr(whiteout_prefix.size());
    if (hidden.empty())
        return content_error("whiteout ('.wh.') of an empty name");
    if (hidden == "." || hidden == "..")
        return content_error("whiteout of '" + hidden + "', which names no entry");
    path.push_back(hidden);
    return TarName{TarNameKind::Whiteout, std::move(path)};
}

} // namespace

Result<TarName> classify_tar_name(const PathComponents &path)
{
    if (path.empty())
        return TarName{TarNameKind::Regular, path};
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        // Anything below an aufs directory such as .wh..wh.plnk is aufs's.
        if (path[i].starts_with(aufs_meta_prefix))
            return TarName{TarNameKind::AufsMeta, path};
        if (path[i].starts_with(whiteout_prefix))
            return content_error("path through '" + display_name(join_path(path, i + 1)) +
                                 "', a whiteout name, as if it were a directory");
    }
    return classify_last(path);
}

bool is_reserved_name(std::string_view name) noexcept
{
    return name.starts_with(whiteout_prefix);
}

std::string whiteout_entry_name(std::string_view dir_path, std::string_view name)
{
    return child_path(dir_path, std::string(whiteout_prefix) + std::string(name));
}

std::string opaque_entry_name(std::string_view dir_path)
{
    return child_path(dir_path, opaque_marker);
}

} // namespace strata
