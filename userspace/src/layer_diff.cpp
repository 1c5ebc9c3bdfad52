// SPDX-License-Identifier: GPL-2.0-only
#include "strata/layer_diff.h"

#include <algorithm>
#include <map>

#include "strata/entry_path.h"

namespace strata {

namespace {

class DiffWalk {
public:
    DiffWalk(const LayerSource &upper, const LowerView &lower) : upper_(upper), lower_(lower) {}

    [[nodiscard]] Result<void> walk_children(const std::string &dir, bool opaque);
    [[nodiscard]] std::vector<Change> changes() const;

private:
    [[nodiscard]] Result<void> visit(const std::string &path, bool opaque_above);
    [[nodiscard]] Result<void> report_hidden(const std::string &dir,
                                             const std::vector<std::string> &upper_names);

    const LayerSource &upper_;
    const LowerView &lower_;
    std::map<std::string, ChangeKind> changes_;
};

Result<void> DiffWalk::walk_children(const std::string &dir, bool opaque)
{
    auto names = upper_.list(dir);
    if (!names)
        return names.error();
    // The root is always merged: overlayfs ignores an opaque mark there.
    if (opaque && !dir.empty()) {
        if (auto ok = report_hidden(dir, names.value()); !ok)
            return ok;
    }
    for (const auto &name : names.value()) {
        if (auto ok = visit(child_path(dir, name), opaque); !ok)
            return ok;
    }
    return {};
}

Result<void> DiffWalk::visit(const std::string &path, bool opaque_above)
{
    auto node = upper_.stat(path);
    if (!node)
        return node.error();
    if (node.value().kind == NodeKind::Whiteout) {
        changes_[path] = ChangeKind::Deleted;
        return {};
    }
    auto below = lower_.kind(path);
    if (!below)
        return below.error();
    changes_[path] = below.value() == LowerKind::Absent ? ChangeKind::Added : ChangeKind::Changed;
    if (node.value().kind != NodeKind::Directory)
        return {};
    return walk_children(path, opaque_above || node.value().opaque);
}

// Below an opaque directory the union shows only the upper: whatever the
// lower stack has there and the upper does not is gone.
Result<void> DiffWalk::report_hidden(const std::string &dir, const std::vector<std::string> &upper_names)
{
    auto lower_names = lower_.list(dir);
    if (!lower_names)
        return lower_names.error();
    for (const auto &name : lower_names.value()) {
        if (!std::binary_search(upper_names.begin(), upper_names.end(), name))
            changes_.emplace(child_path(dir, name), ChangeKind::Deleted);
    }
    return {};
}

std::vector<Change> DiffWalk::changes() const
{
    std::vector<Change> out;
    out.reserve(changes_.size());
    for (const auto &[path, kind] : changes_)
        out.push_back({path, kind});
    return out;
}

} // namespace

Result<std::vector<Change>> compute_diff(const LayerSource &upper, const LowerView &lower)
{
    DiffWalk walk(upper, lower);
    if (auto ok = walk.walk_children("", false); !ok)
        return ok.error();
    return walk.changes();
}

char change_letter(ChangeKind kind) noexcept
{
    switch (kind) {
    case ChangeKind::Added:
        return 'A';
    case ChangeKind::Changed:
        return 'C';
    case ChangeKind::Deleted:
        return 'D';
    }
    return '?';
}

std::string format_change(const Change &change)
{
    return std::string(1, change_letter(change.kind)) + " /" + change.path;
}

} // namespace strata
