// SPDX-License-Identifier: GPL-2.0-only
//
// Where a run's layers keep overlayfs's metadata: trusted.overlay.*, or
// user.overlay.* for unions mounted with userxattr, as from inside a user
// namespace (--userns), where trusted.* is out of reach.
#pragma once

#include <string_view>

namespace strata::difftest {

enum class Marks { trusted, user };

// The opaque mark's name: the one xattr of the union's own that layers
// carry and the comparison looks at.
[[nodiscard]] constexpr const char *opaque_mark_name(Marks marks)
{
    return marks == Marks::user ? "user.overlay.opaque" : "trusted.overlay.opaque";
}

// In an upper dir: the union's own bookkeeping (origin, impure, uuid, ...),
// in trusted.overlay.* or user.overlay.*, which names inodes and differs
// between the two sides. The opaque mark is compared as its own field; with
// trusted marks, user.overlay.opaque is an ordinary xattr, compared in the
// list.
[[nodiscard]] constexpr bool is_private_overlay_xattr(std::string_view name, Marks marks)
{
    if (name.starts_with("trusted.overlay."))
        return true;
    return name.starts_with("user.overlay.") &&
           (marks == Marks::user || name != opaque_mark_name(Marks::user));
}

} // namespace strata::difftest
