// SPDX-License-Identifier: GPL-2.0-only
//
// TreePlan: the generated layer trees, as data. From a seed and a layer
// count it lays out a Debian-like image (binaries, libraries with symlinks,
// Python packages, docs, locales, man pages, dpkg lists; each package in
// one layer, so /usr/bin and friends are merged over many), the workloads'
// targets (bench_paths.h), readdir directories spread over every layer
// with whiteouts in the upper, and copy-up sources of each size. Pure: the
// same options give the same plan on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace strata::bench {

enum class EntryKind { dir, file, symlink, whiteout };

// Read-only targets go to every copy of the tree (tmpfs and ext4); the
// targets of mutating workloads only where those run (tmpfs).
enum class Group { image, read_probe, write_probe };

struct PlanEntry {
    std::string path; // relative to the layer's root
    EntryKind kind = EntryKind::file;
    std::uint64_t size = 0;
    std::string target; // symlinks
    Group group = Group::image;

    bool operator==(const PlanEntry &) const = default;
};

struct CopyUpSet {
    std::uint64_t size = 0;
    std::size_t files = 0; // per slot
};

struct PlanOptions {
    std::uint64_t seed = 1;
    unsigned layers = 1;
    std::size_t image_files = 1500;
    std::size_t slots = 4; // warm-up + repetitions
    std::size_t hot_files = 64;
    std::uint64_t blob_size = 16 << 20;
    std::vector<std::size_t> readdir_entries{64, 1024};
    std::size_t cold_readdir_dirs = 4;
    std::size_t cold_readdir_entries = 256;
    std::vector<CopyUpSet> copy_up;
    std::size_t unlink_files = 64; // per slot
    std::size_t chown_dirs = 4;
    std::size_t chown_files = 8; // per directory
    std::size_t copied_files = 128; // per slot
};

struct TreePlan {
    std::vector<std::vector<PlanEntry>> lowers; // [0] is the top layer
    std::vector<PlanEntry> upper;               // whiteouts
    std::size_t image_entries = 0;              // merged image entries under image_roots
};

[[nodiscard]] TreePlan make_plan(const PlanOptions &options);

// The merged view as one tree (the bare contender): every lower entry,
// directories once, minus what the upper whites out. Sorted by path.
[[nodiscard]] std::vector<PlanEntry> flatten(const TreePlan &plan);

// Entries of the given groups only, in order.
[[nodiscard]] std::vector<PlanEntry> only_groups(const std::vector<PlanEntry> &entries,
                                                 std::initializer_list<Group> groups);

// Entries of a chown tree (directories and files) under one slot's root.
[[nodiscard]] std::size_t chown_tree_entries(const PlanOptions &options);

} // namespace strata::bench
