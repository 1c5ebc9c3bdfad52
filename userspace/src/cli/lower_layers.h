// SPDX-License-Identifier: GPL-2.0-only
//
// Finding the union around a directory, for diff and inspect: the mounted
// union (strata or overlay) at a mount point or on an upper directory, and
// the layers below an upper, from --lowerdir or from that mount.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "strata/result.h"
#include "strata/union_mount.h"

namespace strata::cli {

// The union mounted at path, if any.
[[nodiscard]] std::optional<UnionMount> mount_at(const std::string &path);

// The mounted union that uses upper as its upper directory, if any.
[[nodiscard]] std::optional<UnionMount> mount_with_upper(const std::string &upper);

// The layers below, top first: --lowerdir's (overlayfs syntax, "" when not
// given) if given, else the mount's, else none.
[[nodiscard]] Result<std::vector<std::string>> lower_layers(const std::string &lowerdir,
                                                            const std::optional<UnionMount> &mount);

} // namespace strata::cli
