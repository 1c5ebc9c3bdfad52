// SPDX-License-Identifier: GPL-2.0-only
#include "strata/overlay_format.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace strata {

std::string_view opaque_xattr(bool userxattr) noexcept
{
    return userxattr ? "user.overlay.opaque" : "trusted.overlay.opaque";
}

bool is_whiteout(mode_t mode, dev_t rdev) noexcept
{
    return S_ISCHR(mode) && major(rdev) == 0 && minor(rdev) == 0;
}

bool is_opaque_value(std::string_view value) noexcept
{
    return value == opaque_value;
}

bool is_union_xattr(std::string_view name) noexcept
{
    return name.starts_with("trusted.overlay.") || name.starts_with("user.overlay.");
}

} // namespace strata
