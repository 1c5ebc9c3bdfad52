// SPDX-License-Identifier: GPL-2.0-only
//
// Emptying a directory through its fd, the way a failed import takes back
// what it wrote: no symlink is followed, nothing outside is touched.
#pragma once

#include "strata/result.h"

namespace strata {

// Removes everything inside the directory open as dir_fd. Each directory
// is made writable by its owner first, since the tarball may have given
// it a mode that forbids removing what is in it.
[[nodiscard]] Result<void> remove_contents(int dir_fd);

} // namespace strata
