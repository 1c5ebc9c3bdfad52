// SPDX-License-Identifier: GPL-2.0-only
//
// LayerIndex: what an import has put into the layer so far, so that each
// new tar entry can be checked against the earlier ones before it touches
// the disk: no entry through a symlink or a file, no path both whited out
// and added, no name twice, hardlinks only to earlier entries.
#pragma once

#include <string>
#include <unordered_map>

#include "strata/entry_path.h"
#include "strata/result.h"

namespace strata {

enum class IndexedKind {
    Directory,
    ImplicitDirectory, // a parent the tarball never listed, made for its children
    Symlink,
    NonDirectory, // file, hardlink, device, fifo
    Whiteout,
};

class LayerIndex {
public:
    // Records an object (not a whiteout) at path, with any parents it
    // implies. True when path already was a directory: a directory entry
    // repeated, or listed after its children, only sets metadata.
    [[nodiscard]] Result<bool> add(const PathComponents &path, IndexedKind kind);

    [[nodiscard]] Result<void> add_whiteout(const PathComponents &path);

    // The directory at dir becomes opaque; it is implied if not listed.
    [[nodiscard]] Result<void> add_opaque(const PathComponents &dir);

    // A hardlink may only point at a file-like entry added earlier.
    [[nodiscard]] Result<void> check_link_target(const PathComponents &target) const;

private:
    [[nodiscard]] const IndexedKind *find(const std::string &path) const;
    [[nodiscard]] Result<void> check_parents(const PathComponents &path) const;
    // After checking the parents: the kind already recorded at path, or nullptr.
    [[nodiscard]] Result<const IndexedKind *> existing(const PathComponents &path) const;
    // Records path and, as implicit directories, its parents not yet seen.
    void insert(const PathComponents &path, IndexedKind kind);

    std::unordered_map<std::string, IndexedKind> entries_;
};

} // namespace strata
