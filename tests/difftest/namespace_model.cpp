// SPDX-License-Identifier: GPL-2.0-only
#include "namespace_model.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

#include "path_rules.h"

namespace strata::difftest {
namespace {

[[nodiscard]] const Entry *find_entry(const Layer &layer, const std::string &path)
{
    const auto it = std::ranges::find(layer, path, &Entry::path);
    return it == layer.end() ? nullptr : &*it;
}

[[nodiscard]] NodeKind node_kind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::dir: return NodeKind::dir;
    case EntryKind::symlink: return NodeKind::symlink;
    case EntryKind::fifo: return NodeKind::fifo;
    default: return NodeKind::file;
    }
}

[[nodiscard]] bool is_below(const std::string &path, const std::string &dir)
{
    return path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/';
}

} // namespace

NamespaceModel::NamespaceModel(const std::vector<Layer> &layers)
{
    std::vector<std::size_t> all(layers.size());
    for (std::size_t i = 0; i < all.size(); i++)
        all[i] = i;
    merge_dir(layers, ".", all);
    for (const Layer &layer : layers) {
        for (const Entry &entry : layer) {
            if (!visible_.contains(entry.path))
                hidden_.insert(entry.path);
        }
    }
}

// stack: the layers that make up the merged directory dir, top first.
void NamespaceModel::merge_dir(const std::vector<Layer> &layers, const std::string &dir,
                               const std::vector<std::size_t> &stack)
{
    std::set<std::string> children;
    for (const std::size_t l : stack) {
        for (const Entry &entry : layers[l]) {
            if (parent_path(entry.path) == dir)
                children.insert(entry.path);
        }
    }
    for (const std::string &child : children) {
        auto layer = std::ranges::find_if(
            stack, [&](std::size_t l) { return find_entry(layers[l], child) != nullptr; });
        const Entry &top = *find_entry(layers[*layer], child);
        if (top.kind == EntryKind::whiteout)
            continue;
        visible_[child] = node_kind(top.kind);
        if (top.kind != EntryKind::dir)
            continue;
        std::vector<std::size_t> child_stack{*layer};
        for (bool opaque = top.opaque; !opaque && ++layer != stack.end();) {
            const Entry *below = find_entry(layers[*layer], child);
            if (!below)
                continue; // a gap: the merge goes on below it
            if (below->kind != EntryKind::dir)
                break;
            child_stack.push_back(*layer);
            opaque = below->opaque;
        }
        merge_dir(layers, child, child_stack);
    }
}

std::vector<std::string> NamespaceModel::paths_of(NodeKind kind) const
{
    std::vector<std::string> paths;
    for (const auto &[path, k] : visible_) {
        if (k == kind)
            paths.push_back(path);
    }
    return paths;
}

bool NamespaceModel::can_add(const std::string &path) const
{
    const std::string parent = parent_path(path);
    const auto it = visible_.find(parent);
    return !visible_.contains(path) &&
           (parent == "." || (it != visible_.end() && it->second == NodeKind::dir));
}

void NamespaceModel::add(const std::string &path, NodeKind kind)
{
    visible_[path] = kind;
    hidden_.erase(path);
}

void NamespaceModel::remove_tree(const std::string &path)
{
    for (auto it = visible_.begin(); it != visible_.end();) {
        if (it->first == path || is_below(it->first, path)) {
            hidden_.insert(it->first);
            it = visible_.erase(it);
        } else {
            ++it;
        }
    }
}

std::vector<std::pair<std::string, NodeKind>> NamespaceModel::take_tree(const std::string &from,
                                                                         const std::string &to)
{
    std::vector<std::pair<std::string, NodeKind>> taken;
    for (const auto &[path, kind] : visible_) {
        if (path == from || is_below(path, from))
            taken.emplace_back(to + path.substr(from.size()), kind);
    }
    remove_tree(from);
    return taken;
}

void NamespaceModel::add_all(const std::vector<std::pair<std::string, NodeKind>> &nodes)
{
    for (const auto &[path, kind] : nodes)
        add(path, kind);
}

void NamespaceModel::apply(const Op &op)
{
    const auto kind_at = [&](const std::string &path) {
        const auto it = visible_.find(path);
        return it == visible_.end() ? std::optional<NodeKind>() : it->second;
    };
    switch (op.kind) {
    case OpKind::create:
    case OpKind::mknod:
    case OpKind::mkdir:
    case OpKind::symlink:
        if (can_add(op.path))
            add(op.path, op.kind == OpKind::mkdir     ? NodeKind::dir
                         : op.kind == OpKind::symlink ? NodeKind::symlink
                         : op.kind == OpKind::mknod   ? NodeKind::fifo
                                                      : NodeKind::file);
        break;
    case OpKind::unlink:
        if (kind_at(op.path) && kind_at(op.path) != NodeKind::dir)
            remove_tree(op.path);
        break;
    case OpKind::rmdir:
        if (kind_at(op.path) == NodeKind::dir &&
            std::ranges::none_of(visible_,
                                 [&](const auto &v) { return is_below(v.first, op.path); }))
            remove_tree(op.path);
        break;
    case OpKind::link:
        if (kind_at(op.path) && kind_at(op.path) != NodeKind::dir && can_add(op.path2))
            add(op.path2, *kind_at(op.path));
        break;
    case OpKind::rename:
        if (!kind_at(op.path) || op.path == op.path2 || is_below(op.path2, op.path) ||
            is_below(op.path, op.path2))
            break;
        if (op.rename_how == RenameHow::exchange) {
            if (kind_at(op.path2)) {
                const auto first = take_tree(op.path, op.path2);
                add_all(take_tree(op.path2, op.path));
                add_all(first);
            }
        } else if (kind_at(op.path2) ? op.rename_how == RenameHow::none : can_add(op.path2)) {
            remove_tree(op.path2);
            add_all(take_tree(op.path, op.path2));
        }
        break;
    default:
        break;
    }
}

} // namespace strata::difftest
