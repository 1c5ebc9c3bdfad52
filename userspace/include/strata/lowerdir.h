// SPDX-License-Identifier: GPL-2.0-only
//
// The lowerdir option value: layer paths separated by ':', top layer first,
// with overlayfs's escapes: a backslash makes the next character literal,
// so "\:" is a colon, "\," a comma and "\\" a backslash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "strata/result.h"

namespace strata {

// Decodes a lowerdir value into its layers. An empty layer ("a::b", or a
// leading or trailing ':') and a dangling backslash are errors.
[[nodiscard]] Result<std::vector<std::string>> split_lowerdir(std::string_view value);

// Escapes one layer path so that it survives split_lowerdir and the
// comma-splitting of the mount option string.
[[nodiscard]] std::string escape_layer(std::string_view path);

// escape_layer on each path, joined with ':'.
[[nodiscard]] std::string join_lowerdir(const std::vector<std::string> &layers);

// Removes the escapes from a single path (upperdir, workdir, lowerdir+),
// as the kernel does: a backslash keeps the next character, a trailing
// backslash is dropped.
[[nodiscard]] std::string unescape_path(std::string_view value);

} // namespace strata
