// SPDX-License-Identifier: GPL-2.0-only
//
// What an upper layer changes in the union below it, as `docker diff`
// reports it: A(dded), C(hanged) or D(eleted), one line per path.
#pragma once

#include <string>
#include <vector>

#include "strata/layer_source.h"
#include "strata/lower_view.h"
#include "strata/result.h"

namespace strata {

enum class ChangeKind {
    Added,   // the path does not exist below
    Changed, // the path exists below (a directory with changes inside, too)
    Deleted, // a whiteout, or an entry below hidden by an opaque directory
};

struct Change {
    std::string path; // relative to the root, without a leading '/'
    ChangeKind kind = ChangeKind::Added;

    bool operator==(const Change &) const = default;
};

// Every change of upper over lower, sorted by path. An empty lower view
// makes upper a base layer: everything in it is added.
[[nodiscard]] Result<std::vector<Change>> compute_diff(const LayerSource &upper, const LowerView &lower);

[[nodiscard]] char change_letter(ChangeKind kind) noexcept;

// "A /path", the line `strata diff` prints.
[[nodiscard]] std::string format_change(const Change &change);

} // namespace strata
