// SPDX-License-Identifier: GPL-2.0-only
//
// What mount.strata checks about the layer paths before asking the kernel,
// which would answer these mistakes with a bare EINVAL. The rules on paths
// live here; the probes of the layers' filesystems are in the helper.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

// A layer directory as the user named it, and its canonical path.
struct LayerPath {
    std::string role; // "lower layer 2", "upperdir", "workdir"
    std::string given;
    std::string canonical;
};

// realpath(path), or path as given when it does not resolve (the callers'
// own checks report a missing path).
[[nodiscard]] std::string canonical_path(const std::string &path);

// Whether canonical path inner is outer or lies below it, by whole path
// components ("/a/bc" is not below "/a/b").
[[nodiscard]] bool path_within(std::string_view inner, std::string_view outer) noexcept;

// One message per pair the kernel would refuse: upperdir and workdir nested
// in each other, and a lower layer nested with either. Lower layers may
// overlap one another, as in overlayfs.
[[nodiscard]] std::vector<std::string> overlap_problems(const std::vector<LayerPath> &lowers,
                                                        const std::optional<LayerPath> &upper,
                                                        const std::optional<LayerPath> &work);

} // namespace strata
