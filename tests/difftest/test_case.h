// SPDX-License-Identifier: GPL-2.0-only
//
// TestCase: everything one sequence needs, replayable from scratch: the
// lower layers (top first, as in lowerdir=) and the operations. The upper
// and work directories always start empty.
#pragma once

#include <cstdint>
#include <vector>

#include "entry.h"
#include "op.h"

namespace strata::difftest {

// A layer's entries, parents before children. A parent an entry needs but
// the layer lacks is built as a plain directory (the shrinker drops entries).
using Layer = std::vector<Entry>;

struct TestCase {
    std::uint64_t seed = 0; // where the case came from; replay ignores it
    std::vector<Layer> layers;
    std::vector<Op> ops;

    bool operator==(const TestCase &) const = default;
};

} // namespace strata::difftest
