// SPDX-License-Identifier: GPL-2.0-only
//
// The allow-list: differences between A (strata) and B (overlay) that are
// deliberate and documented, each with its reason. A mismatch that matches
// an entry is reported as a known difference, ends its sequence, and is not
// counted. Add an entry only for a difference that is understood and
// written down in README.md ("Where Strata differs from overlayfs"); never
// to quiet one that is not.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "mismatch.h"

namespace strata::difftest {

struct AllowedDifference {
    std::string_view signature; // Mismatch::signature(), exactly: "result:link:EXDEV/ok"
    std::string_view a;         // side A's value, exactly; "" matches any
    std::string_view b;         // side B's value; "" matches any
    std::string_view reason;
};

// Empty: no deliberate difference has shown up in these comparisons yet.
inline constexpr std::array<AllowedDifference, 0> allowed_differences{};

// The entry of table that covers the mismatch, or nullptr.
[[nodiscard]] const AllowedDifference *
find_allowed(const Mismatch &mismatch, std::span<const AllowedDifference> table);

} // namespace strata::difftest
