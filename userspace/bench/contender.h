// SPDX-License-Identifier: GPL-2.0-only
//
// The contenders and how each shows a merged view: strata and the kernel's
// overlay by mount(2) with the same options, fuse-overlayfs by its own
// program, bare as a flattened copy that needs no mount at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mount_guard.h"
#include "strata/result.h"

namespace strata::bench {

enum class Contender { strata, overlay, fuse_overlayfs, bare };

[[nodiscard]] std::string contender_name(Contender who);
[[nodiscard]] std::optional<Contender> parse_contender(std::string_view name);

// Why the contender cannot be measured here (module not loaded, program
// missing), or nullopt when it can.
[[nodiscard]] std::optional<std::string> unavailable_reason(Contender who);

struct UnionSpec {
    Contender who = Contender::bare;
    std::vector<std::string> lowers; // top first
    std::string upper;
    std::string work;
    std::string target;    // the mount point
    std::string bare_root; // bare: the flattened tree
};

struct MountedView {
    MountGuard guard; // nothing mounted for bare
    std::string root;
};

[[nodiscard]] Result<MountedView> mount_view(const UnionSpec &spec);

} // namespace strata::bench
