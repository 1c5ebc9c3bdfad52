// SPDX-License-Identifier: GPL-2.0-only
//
// Strata and overlay mounts as the mount table shows them: which layers
// make up a union, so that the CLI can find the lower layers of an upper
// directory or describe a mount point.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/result.h"

namespace strata {

struct UnionMount {
    std::string target; // the mount point
    std::string fstype; // "strata" or "overlay"
    std::vector<std::string> lower_layers; // top first
    std::string upper_dir; // empty for a read-only union
    std::string work_dir;
    bool userxattr = false;
    // Every other superblock option, "key" or "key=value" (userxattr, uuid=off, ...)
    std::vector<std::string> options;
};

[[nodiscard]] bool is_union_fstype(std::string_view fstype) noexcept;

// The layers named in a union's superblock options, once the mount table's
// octal escapes are undone: "lowerdir=" with its '\:' escapes, or one
// "lowerdir+=" per layer, "upperdir=", "workdir=" and "userxattr".
[[nodiscard]] Result<UnionMount> parse_union_options(std::string_view fs_options);

// Every strata and overlay mount in a mountinfo file, in its order.
[[nodiscard]] Result<std::vector<UnionMount>>
read_union_mounts(const std::string &mountinfo = "/proc/self/mountinfo");

// The last (so the visible) union mounted at canonical_target.
[[nodiscard]] std::optional<UnionMount> find_mount_at(const std::vector<UnionMount> &mounts,
                                                      const std::string &canonical_target);

// The last union whose upper directory is canonical_upper; the mount's
// own upperdir is resolved before comparing.
[[nodiscard]] std::optional<UnionMount> find_mount_with_upper(const std::vector<UnionMount> &mounts,
                                                              const std::string &canonical_upper);

// Whether a mounted union is made of the same layers as a request: the
// same lower layers in the same order, upper and work directories, each
// compared as canonical paths (so a relative request matches the absolute
// paths the mount table shows).
[[nodiscard]] bool same_layers(const UnionMount &mounted, const std::vector<std::string> &lowers,
                               const std::string &upper, const std::string &work);

// The first of a remount's filesystem options (each "key" or "key=value")
// that the mounted union does not have: what a remount would try to
// change, which it cannot. mount(8) repeats the mounted ones on remount.
[[nodiscard]] std::optional<std::string>
changed_on_remount(const UnionMount &mounted, const std::vector<std::string> &options);

} // namespace strata
