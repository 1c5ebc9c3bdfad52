// SPDX-License-Identifier: GPL-2.0-only
//
// What `strata inspect` tells about an upper directory: its size, its
// whiteouts and opaque directories, and, when the layers below are known,
// which of its entries are copies of lower ones and which are new.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/lower_view.h"
#include "strata/result.h"

namespace strata {

struct UpperSummary {
    std::uint64_t bytes = 0; // disk usage, each inode counted once
    std::uint64_t files = 0; // inodes below the root
    std::vector<std::string> whiteouts;   // paths, sorted
    std::vector<std::string> opaque_dirs; // paths, sorted
    // Known only with the lower layers: entries that exist below as well
    // (copied up, or replaced), and entries that are new.
    std::optional<std::vector<std::string>> copied_up;
    std::optional<std::vector<std::string>> added;
};

// lowers is null when the layers below are not known.
[[nodiscard]] Result<UpperSummary> summarize_upper(const std::string &upper, bool userxattr,
                                                   const LowerView *lowers);

} // namespace strata
