// SPDX-License-Identifier: GPL-2.0-only
//
// The names in an open directory, sorted bytewise, so that everything
// built from a walk (tarballs, diffs) comes out the same every time.
#pragma once

#include <string>
#include <vector>

#include "strata/result.h"

namespace strata {

// Without "." and "..". dirfd itself is not read from: the listing goes
// through a fresh open of the same directory, so dirfd's offset stays.
[[nodiscard]] Result<std::vector<std::string>> list_directory(int dirfd);

} // namespace strata
