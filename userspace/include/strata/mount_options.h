// SPDX-License-Identifier: GPL-2.0-only
//
// A mount option string ("-o a=b,c") as the list of options it holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/result.h"

namespace strata {

struct MountOption {
    std::string key;
    std::optional<std::string> value; // empty for a flag such as "ro"

    bool operator==(const MountOption &) const = default;
};

// Splits on commas that are not escaped with a backslash, then each option
// at its first unescaped '='. Escapes are kept, because only the consumer
// of a value knows its syntax (lowerdir also escapes ':'). Empty options
// ("a,,b") are skipped; an empty key or a dangling backslash is an error.
[[nodiscard]] Result<std::vector<MountOption>> split_options(std::string_view options);

} // namespace strata
