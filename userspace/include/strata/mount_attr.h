// SPDX-License-Identifier: GPL-2.0-only
//
// Mount options that are per-mount VFS attributes (MOUNT_ATTR_* for
// fsmount() and mount_setattr()) rather than options of the filesystem.
#pragma once

#include <optional>
#include <string_view>

namespace strata {

struct MountAttrRule {
    unsigned int clear = 0; // bits to clear first (a whole field for atime)
    unsigned int set = 0;   // then bits to set
};

// The rule for a mount option name such as "nosuid" or "noatime", or
// nullopt when the name is not a mount attribute.
[[nodiscard]] std::optional<MountAttrRule> find_mount_attr(std::string_view name) noexcept;

[[nodiscard]] constexpr unsigned int apply_mount_attr(MountAttrRule rule, unsigned int attrs) noexcept
{
    return (attrs & ~rule.clear) | rule.set;
}

} // namespace strata
