// SPDX-License-Identifier: GPL-2.0-only
//
// LayerSource: one layer of a union seen as a tree of names, as the union
// reads it: whiteouts and opaque directories are what matter, not file
// contents. The diff and lower-stack logic work on this interface, so it
// can be a real directory or, in tests, a tree held in memory.
#pragma once

#include <string>
#include <vector>

#include "strata/result.h"

namespace strata {

enum class NodeKind {
    Absent,
    Directory,
    Whiteout,
    Other, // any non-directory that is not a whiteout
};

struct Node {
    NodeKind kind = NodeKind::Absent;
    bool opaque = false; // a directory marked opaque

    bool operator==(const Node &) const = default;
};

class LayerSource {
public:
    virtual ~LayerSource() = default;

    // path is relative to the layer's root, components joined with '/';
    // "" is the root.
    [[nodiscard]] virtual Result<Node> stat(const std::string &path) const = 0;

    // The names in the directory at path (whiteouts included), sorted.
    [[nodiscard]] virtual Result<std::vector<std::string>> list(const std::string &path) const = 0;
};

} // namespace strata
