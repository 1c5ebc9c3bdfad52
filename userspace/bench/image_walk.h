// SPDX-License-Identifier: GPL-2.0-only
//
// walk_image: what `find /usr /etc /var | xargs stat` does to the
// Debian-like image: list every directory and lstat every entry below the
// image's top directories. The whole-tree walk row and the slab row use it.
#pragma once

#include <cstddef>

#include "strata/result.h"

namespace strata::bench {

// The number of entries it saw, the top directories included.
[[nodiscard]] Result<std::size_t> walk_image(int root_fd);

} // namespace strata::bench
