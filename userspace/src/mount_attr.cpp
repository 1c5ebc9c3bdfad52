// SPDX-License-Identifier: GPL-2.0-only
#include "strata/mount_attr.h"

#include <array>
#include <utility>

#include <linux/mount.h>

namespace strata {

namespace {

struct NamedRule {
    std::string_view name;
    MountAttrRule rule;
};

// Each flag and its opposite. The atime modes share one field, so setting
// one clears the others; "atime" restores the kernel default, relatime.
constexpr std::array mount_attr_table{
    NamedRule{"ro", {MOUNT_ATTR_RDONLY, MOUNT_ATTR_RDONLY}},
    NamedRule{"rw", {MOUNT_ATTR_RDONLY, 0}},
    NamedRule{"nosuid", {MOUNT_ATTR_NOSUID, MOUNT_ATTR_NOSUID}},
    NamedRule{"suid", {MOUNT_ATTR_NOSUID, 0}},
    NamedRule{"nodev", {MOUNT_ATTR_NODEV, MOUNT_ATTR_NODEV}},
    NamedRule{"dev", {MOUNT_ATTR_NODEV, 0}},
    NamedRule{"noexec", {MOUNT_ATTR_NOEXEC, MOUNT_ATTR_NOEXEC}},
    NamedRule{"exec", {MOUNT_ATTR_NOEXEC, 0}},
    NamedRule{"nodiratime", {MOUNT_ATTR_NODIRATIME, MOUNT_ATTR_NODIRATIME}},
    NamedRule{"diratime", {MOUNT_ATTR_NODIRATIME, 0}},
    NamedRule{"nosymfollow", {MOUNT_ATTR_NOSYMFOLLOW, MOUNT_ATTR_NOSYMFOLLOW}},
    NamedRule{"symfollow", {MOUNT_ATTR_NOSYMFOLLOW, 0}},
    NamedRule{"noatime", {MOUNT_ATTR__ATIME, MOUNT_ATTR_NOATIME}},
    NamedRule{"relatime", {MOUNT_ATTR__ATIME, MOUNT_ATTR_RELATIME}},
    NamedRule{"strictatime", {MOUNT_ATTR__ATIME, MOUNT_ATTR_STRICTATIME}},
    NamedRule{"atime", {MOUNT_ATTR__ATIME, MOUNT_ATTR_RELATIME}},
};

} // namespace

std::optional<MountAttrRule> find_mount_attr(std::string_view name) noexcept
{
    for (const auto &entry : mount_attr_table) {
        if (entry.name == name)
            return entry.rule;
    }
    return std::nullopt;
}

} // namespace strata
