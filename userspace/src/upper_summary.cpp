// SPDX-License-Identifier: GPL-2.0-only
#include "strata/upper_summary.h"

#include <set>
#include <utility>

#include "beneath.h"
#include "dir_layer.h"
#include "strata/layer_diff.h"
#include "strata/overlay_format.h"
#include "tree_walk.h"
#include "xattr_io.h"

namespace strata {

namespace {

class UpperScan {
public:
    explicit UpperScan(bool userxattr) : opaque_xattr_(opaque_xattr(userxattr)) {}

    [[nodiscard]] Result<WalkStep> visit(const TreeEntry &entry);
    [[nodiscard]] UpperSummary &&summary() && { return std::move(summary_); }

private:
    std::string opaque_xattr_;
    std::set<std::pair<dev_t, ino_t>> inodes_;
    UpperSummary summary_;
};

Result<WalkStep> UpperScan::visit(const TreeEntry &entry)
{
    if (inodes_.emplace(entry.st.st_dev, entry.st.st_ino).second) {
        ++summary_.files;
        summary_.bytes += static_cast<std::uint64_t>(entry.st.st_blocks) * 512;
    }
    if (is_whiteout(entry.st.st_mode, entry.st.st_rdev))
        summary_.whiteouts.push_back(entry.path);
    if (!S_ISDIR(entry.st.st_mode))
        return WalkStep::Descend;
    auto opaque = read_xattr(entry.parent_fd, entry.name, opaque_xattr_);
    if (!opaque)
        return opaque.error();
    if (opaque.value() && is_opaque_value(*opaque.value()))
        summary_.opaque_dirs.push_back(entry.path);
    return WalkStep::Descend;
}

Result<void> classify_entries(UpperSummary &summary, const std::string &upper, bool userxattr,
                              const LowerView &lowers)
{
    auto layer = DirLayer::open(upper, userxattr);
    if (!layer)
        return layer.error();
    auto changes = compute_diff(layer.value(), lowers);
    if (!changes)
        return changes.error();
    summary.copied_up.emplace();
    summary.added.emplace();
    for (const auto &change : changes.value()) {
        if (change.kind == ChangeKind::Changed)
            summary.copied_up->push_back(change.path);
        else if (change.kind == ChangeKind::Added)
            summary.added->push_back(change.path);
    }
    return {};
}

} // namespace

Result<UpperSummary> summarize_upper(const std::string &upper, bool userxattr, const LowerView *lowers)
{
    auto root = open_root(upper);
    if (!root)
        return root.error();
    UpperScan scan(userxattr);
    if (auto ok = walk_tree(root.value().get(), [&](const TreeEntry &entry) { return scan.visit(entry); }); !ok)
        return ok.error();
    UpperSummary summary = std::move(scan).summary();
    if (lowers != nullptr) {
        if (auto ok = classify_entries(summary, upper, userxattr, *lowers); !ok)
            return ok.error();
    }
    return summary;
}

} // namespace strata
