// SPDX-License-Identifier: GPL-2.0-only
#include "strata/layer_index.h"

#include "strata/errors.h"

namespace strata {

namespace {

bool is_directory(IndexedKind kind)
{
    return kind == IndexedKind::Directory || kind == IndexedKind::ImplicitDirectory;
}

Error both_whited_out_and_added(const std::string &hidden, const std::string &added)
{
    return content_error("the layer both whites out " + quoted_name(hidden) + " and adds " + quoted_name(added));
}

} // namespace

const IndexedKind *LayerIndex::find(const std::string &path) const
{
    static constexpr IndexedKind root = IndexedKind::Directory;
    if (path.empty())
        return &root;
    const auto it = entries_.find(path);
    return it == entries_.end() ? nullptr : &it->second;
}

Result<void> LayerIndex::check_parents(const PathComponents &path) const
{
    for (std::size_t depth = 1; depth < path.size(); ++depth) {
        const std::string parent = join_path(path, depth);
        const IndexedKind *kind = find(parent);
        if (kind == nullptr || is_directory(*kind))
            continue;
        if (*kind == IndexedKind::Whiteout)
            return both_whited_out_and_added(parent, join_path(path));
        if (*kind == IndexedKind::Symlink)
            return content_error("its parent " + quoted_name(parent) +
                                 " is a symlink in this layer; refusing to write through it");
        return content_error("its parent " + quoted_name(parent) + " is not a directory in this layer");
    }
    return {};
}

Result<const IndexedKind *> LayerIndex::existing(const PathComponents &path) const
{
    if (auto ok = check_parents(path); !ok)
        return ok.error();
    return find(join_path(path));
}

void LayerIndex::insert(const PathComponents &path, IndexedKind kind)
{
    for (std::size_t depth = 1; depth < path.size(); ++depth)
        entries_.try_emplace(join_path(path, depth), IndexedKind::ImplicitDirectory);
    entries_.emplace(join_path(path), kind);
}

Result<bool> LayerIndex::add(const PathComponents &path, IndexedKind kind)
{
    auto found = existing(path);
    if (!found)
        return found.error();
    const IndexedKind *old = found.value();
    if (old == nullptr) {
        insert(path, kind);
        return false;
    }
    const std::string key = join_path(path);
    if (*old == IndexedKind::Whiteout)
        return both_whited_out_and_added(key, key);
    if (!is_directory(*old) || kind != IndexedKind::Directory)
        return content_error(quoted_name(key) + " appears twice in the layer");
    if (!key.empty())
        entries_[key] = IndexedKind::Directory;
    return true;
}

Result<void> LayerIndex::add_whiteout(const PathComponents &path)
{
    auto found = existing(path);
    if (!found)
        return found.error();
    const IndexedKind *old = found.value();
    const std::string key = join_path(path);
    if (old != nullptr && *old == IndexedKind::Whiteout)
        return content_error("the whiteout of " + quoted_name(key) + " appears twice in the layer");
    if (old != nullptr)
        return both_whited_out_and_added(key, key);
    insert(path, IndexedKind::Whiteout);
    return {};
}

Result<void> LayerIndex::add_opaque(const PathComponents &dir)
{
    auto found = existing(dir);
    if (!found)
        return found.error();
    const IndexedKind *old = found.value();
    const std::string key = join_path(dir);
    if (old == nullptr)
        insert(dir, IndexedKind::ImplicitDirectory);
    else if (*old == IndexedKind::Whiteout)
        return both_whited_out_and_added(key, key);
    else if (!is_directory(*old))
        return content_error("opaque marker for " + quoted_name(key) + ", which is not a directory in this layer");
    return {};
}

Result<void> LayerIndex::check_link_target(const PathComponents &target) const
{
    const std::string key = join_path(target);
    const IndexedKind *kind = find(key);
    if (kind == nullptr)
        return content_error("hardlink target " + quoted_name(key) + " is not an earlier entry of the layer");
    if (is_directory(*kind))
        return content_error("hardlink target " + quoted_name(key) + " is a directory");
    if (*kind == IndexedKind::Whiteout)
        return content_error("hardlink target " + quoted_name(key) + " is a whiteout");
    return {};
}

} // namespace strata
