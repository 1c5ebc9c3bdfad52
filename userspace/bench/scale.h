// SPDX-License-Identifier: GPL-2.0-only
//
// Scale: how big a run is. The full suites are sized to finish under QEMU
// TCG well within the boot limits scripts/bench.sh gives them; --quick is a
// development run of a few minutes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tree_plan.h"

namespace strata::bench {

struct Scale {
    std::size_t reps = 3;
    std::vector<unsigned> layers;
    PlanOptions plan;             // layers and slots are set per stack
    std::uint64_t ext4_bytes = 0; // the loop-backed ext4 when no device is given
};

// suite is "icount" or "wall".
[[nodiscard]] Scale scale_for(const std::string &suite, bool quick);

} // namespace strata::bench
