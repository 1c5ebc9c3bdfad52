// SPDX-License-Identifier: GPL-2.0-only
//
// Names of entries inside a layer: a tar member name or a hardlink target,
// checked and split into components below the layer's root before anything
// touches the filesystem.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "strata/result.h"

namespace strata {

using PathComponents = std::vector<std::string>;

// Splits a name on '/', dropping empty and "." components ("./a//b/" is
// a/b; "./" alone is the layer root, no components). Refused, because the
// entry would land outside the layer or could not be created: an absolute
// name, a ".." component, a component longer than NAME_MAX and a path
// longer than PATH_MAX.
[[nodiscard]] Result<PathComponents> split_entry_path(std::string_view name);

// The first count components joined with '/'; "" for the root.
[[nodiscard]] std::string join_path(const PathComponents &components,
                                    std::size_t count = static_cast<std::size_t>(-1));

// Parent path joined with one more name.
[[nodiscard]] std::string child_path(std::string_view parent, std::string_view name);

// A name fit for a one-line message: control characters as \xNN, and a
// very long name cut in the middle with its length said.
[[nodiscard]] std::string display_name(std::string_view name);

// display_name in single quotes, with the root ("") shown as '.'.
[[nodiscard]] std::string quoted_name(std::string_view name);

} // namespace strata
