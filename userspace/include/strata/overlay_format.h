// SPDX-License-Identifier: GPL-2.0-only
//
// overlayfs's on-disk format, which Strata shares: a whiteout is a 0/0
// character device, an opaque directory carries the opaque xattr set to
// "y" in the trusted.overlay. namespace (user.overlay. with userxattr).
#pragma once

#include <string_view>

#include <sys/types.h>

namespace strata {

inline constexpr std::string_view opaque_value = "y";

// The opaque xattr's name for a union mounted with or without userxattr.
[[nodiscard]] std::string_view opaque_xattr(bool userxattr) noexcept;

[[nodiscard]] bool is_whiteout(mode_t mode, dev_t rdev) noexcept;

// overlayfs reads only "y" as opaque; other values are ignored.
[[nodiscard]] bool is_opaque_value(std::string_view value) noexcept;

// The union's own metadata (trusted.overlay.*, user.overlay.*): it means
// something only inside an upper or lower directory, never in a tarball.
[[nodiscard]] bool is_union_xattr(std::string_view name) noexcept;

} // namespace strata
