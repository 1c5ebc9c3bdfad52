// SPDX-License-Identifier: GPL-2.0-only
//
// Where the workloads' targets are in the generated tree, relative to the
// merged view's root. The plan (tree_plan.cpp) puts them there and the
// workloads look them up here, so the two never drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace strata::bench::paths {

// Small files in the bottom layer under a directory merged over every
// layer: a lookup has to pass all layers to find them.
[[nodiscard]] inline std::string hot_file(std::size_t i) { return fmt::format("probe/hot/f{:03}", i); }

constexpr int deep_levels = 8;
[[nodiscard]] inline std::string deep_dir()
{
    std::string dir = "probe/deep";
    for (int level = 1; level <= deep_levels; level++)
        dir += fmt::format("/d{}", level);
    return dir;
}
[[nodiscard]] inline std::string deep_file(std::size_t i) { return fmt::format("{}/f{:03}", deep_dir(), i); }

// Names no layer has, in a directory merged over every layer.
[[nodiscard]] inline std::string absent_name(std::size_t i) { return fmt::format("probe/neg/absent-{:03}", i); }

[[nodiscard]] inline std::string blob() { return "probe/data/blob"; }

[[nodiscard]] inline std::string readdir_dir(std::size_t entries) { return fmt::format("probe/rd{}", entries); }
[[nodiscard]] inline std::string cold_readdir_dir(std::size_t k) { return fmt::format("probe/rdc/d{}", k); }
[[nodiscard]] inline std::string dir_entry(const std::string &dir, std::size_t i) { return fmt::format("{}/e{:04}", dir, i); }

// Mutating workloads: one disjoint set of targets per slot (slot 0 is the
// warm-up, 1..R the repetitions).
[[nodiscard]] inline std::string copy_up_dir(std::uint64_t size) { return fmt::format("probe/cu/z{}", size); }
[[nodiscard]] inline std::string copy_up_file(std::uint64_t size, std::size_t slot, std::size_t i)
{
    return fmt::format("{}/s{}-{:03}", copy_up_dir(size), slot, i);
}
[[nodiscard]] inline std::string unlink_file(std::size_t slot, std::size_t i) { return fmt::format("probe/ul/s{}-{:03}", slot, i); }
[[nodiscard]] inline std::string chown_tree(std::size_t slot) { return fmt::format("probe/ch/s{}", slot); }
// Bottom-layer files that a batch copies up (untimed) before it looks them
// up and lists their directory cold: copies found again through their
// origin records, in a directory marked impure.
[[nodiscard]] inline std::string copied_dir(std::size_t slot) { return fmt::format("probe/cp/s{}", slot); }
[[nodiscard]] inline std::string copied_file(std::size_t slot, std::size_t i)
{
    return fmt::format("{}/f{:03}", copied_dir(slot), i);
}
// A directory merged over every layer where new names are made and removed.
[[nodiscard]] inline std::string churn_dir() { return "probe/churn"; }
// The Debian-like image's top directories.
inline constexpr const char *image_roots[] = {"etc", "usr", "var"};

} // namespace strata::bench::paths
