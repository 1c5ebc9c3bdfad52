// SPDX-License-Identifier: GPL-2.0-only
//
// Filesystem access confined to a directory tree: every path below a
// directory fd is resolved by the kernel with RESOLVE_BENEATH and
// RESOLVE_NO_SYMLINKS, so neither "..", an absolute symlink nor a symlink
// planted in the tree can lead a layer tool outside it.
#pragma once

#include <string>

#include "strata/result.h"
#include "unique_fd.h"

namespace strata {

// Opens the directory the user named (symlinks followed, as any command
// line path) to be the root of the calls below.
[[nodiscard]] Result<UniqueFd> open_root(const std::string &path);

// Opens path below dirfd ("" is dirfd's directory itself). O_CLOEXEC is
// added to flags. A symlink on the way fails with ELOOP, kept in the
// error's sys_errno as every other errno.
[[nodiscard]] Result<UniqueFd> open_beneath(int dirfd, const std::string &path, int flags);

// "/proc/self/fd/N/name": name in the directory open as dirfd, for the
// calls that have no *at form (the l*xattr family). The magic link is
// the open directory itself, so no path is looked up again; "" names the
// directory ("/proc/self/fd/N/.").
[[nodiscard]] std::string fd_path(int dirfd, const std::string &name);

} // namespace strata
