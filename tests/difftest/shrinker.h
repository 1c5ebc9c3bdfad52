// SPDX-License-Identifier: GPL-2.0-only
//
// shrink_case: from a case that shows a mismatch to a small one that shows
// the same, by delta debugging (ddmin.h) over the ops, then the layers,
// then each layer's entries, then simpler values for the entries left; in
// rounds until a round removes nothing. Every candidate is judged by a
// replay from scratch, which the caller supplies.
#pragma once

#include <cstddef>
#include <functional>

#include "test_case.h"

namespace strata::difftest {

// True when the candidate still shows the mismatch being shrunk.
using CasePredicate = std::function<bool(const TestCase &)>;

struct ShrinkResult {
    TestCase test_case;
    std::size_t replays = 0;
};

[[nodiscard]] ShrinkResult shrink_case(TestCase failing, const CasePredicate &still_fails);

} // namespace strata::difftest
