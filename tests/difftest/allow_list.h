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

inline constexpr std::array<AllowedDifference, 1> allowed_differences{{
    {"state:d_ino", "agrees", "",
     "with index=on, overlayfs lists a hard link made through the union with its upper inode's "
     "number while stat shows its origin's; Strata's d_ino always agrees with st_ino"},
}};

// The entry of table that covers the mismatch, or nullptr.
[[nodiscard]] const AllowedDifference *
find_allowed(const Mismatch &mismatch, std::span<const AllowedDifference> table);

} // namespace strata::difftest
