// SPDX-License-Identifier: GPL-2.0-only
#include "strata/lower_view.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "strata/entry_path.h"

namespace strata {

// One lookup step: path's last component in the layers merged into its
// parent directory, top first, as overlayfs's lookup walks them.
Result<LowerView::Resolved> LowerView::step(const Resolved &dir, const std::string &path) const
{
    Resolved found;
    for (const std::size_t index : dir.layers) {
        auto node = layers_[index]->stat(path);
        if (!node)
            return node.error();
        const Node &n = node.value();
        if (n.kind == NodeKind::Absent)
            continue;
        if (n.kind == NodeKind::Whiteout)
            break;
        if (n.kind == NodeKind::Other) {
            // Shown only when nothing above it was a directory.
            if (found.layers.empty())
                found.kind = LowerKind::Other;
            break;
        }
        found.kind = LowerKind::Directory;
        found.layers.push_back(index);
        if (n.opaque)
            break;
    }
    return found;
}

Result<LowerView::Resolved> LowerView::resolve(const std::string &path) const
{
    Resolved current{LowerKind::Directory, {}};
    current.layers.resize(layers_.size());
    std::iota(current.layers.begin(), current.layers.end(), std::size_t{0});
    std::size_t start = 0;
    while (start < path.size() && current.kind == LowerKind::Directory) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        auto next = step(current, path.substr(0, end));
        if (!next)
            return next.error();
        current = std::move(next.value());
        start = end + 1;
    }
    // Below a non-directory there is nothing.
    if (start < path.size())
        return Resolved{};
    return current;
}

Result<LowerKind> LowerView::kind(const std::string &path) const
{
    auto resolved = resolve(path);
    if (!resolved)
        return resolved.error();
    return resolved.value().kind;
}

Result<std::vector<std::string>> LowerView::list(const std::string &path) const
{
    auto resolved = resolve(path);
    if (!resolved)
        return resolved.error();
    // The topmost layer holding a name decides: a whiteout there hides it.
    std::map<std::string, bool> visible;
    for (const std::size_t index : resolved.value().layers) {
        auto names = layers_[index]->list(path);
        if (!names)
            return names.error();
        for (const auto &name : names.value()) {
            if (visible.contains(name))
                continue;
            auto node = layers_[index]->stat(child_path(path, name));
            if (!node)
                return node.error();
            visible.emplace(name, node.value().kind != NodeKind::Whiteout);
        }
    }
    std::vector<std::string> shown;
    for (const auto &[name, is_visible] : visible) {
        if (is_visible)
            shown.push_back(name);
    }
    return shown;
}

} // namespace strata
