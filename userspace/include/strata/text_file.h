// SPDX-License-Identifier: GPL-2.0-only
//
// A whole file read into or written from a string: the tools' case files,
// JSON results and reports.
#pragma once

#include <string>

#include "strata/result.h"

namespace strata {

// The file's bytes; a usage error naming the path when it cannot be read.
[[nodiscard]] Result<std::string> read_text_file(const std::string &path);

// Replaces the file's contents with text.
[[nodiscard]] Result<void> write_text_file(const std::string &path, const std::string &text);

} // namespace strata
