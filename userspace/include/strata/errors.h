// SPDX-License-Identifier: GPL-2.0-only
//
// Errors of the layer tools (import, export, diff, inspect): a failed
// syscall, or content that cannot be taken as it is.
#pragma once

#include <string>

#include "strata/result.h"

namespace strata {

// "what: strerror(err)", keeping err so callers can react to it.
[[nodiscard]] Error io_error(const std::string &what, int err);

// Bad input data, such as a tar entry that would escape its layer.
[[nodiscard]] Error content_error(std::string message);

// The same error with context in front: "context: message".
[[nodiscard]] Error with_context(const std::string &context, Error error);

} // namespace strata
