// SPDX-License-Identifier: GPL-2.0-only
//
// Writes planned entries under a root directory: parents as needed (0755),
// files (0644) with deterministic content, symlinks, and whiteouts as
// overlayfs writes them (character devices 0/0).
#pragma once

#include <string>
#include <vector>

#include "strata/result.h"
#include "tree_plan.h"

namespace strata::bench {

[[nodiscard]] Result<void> write_tree(const std::string &root, const std::vector<PlanEntry> &entries);

} // namespace strata::bench
