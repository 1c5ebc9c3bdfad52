// SPDX-License-Identifier: GPL-2.0-only
//
// LowerView: the union of a stack of read-only layers, top first, as
// overlayfs would show it without an upper: a whiteout hides the name in
// every layer below it, an opaque directory hides the directories below
// it, and a non-directory hides everything below.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "strata/layer_source.h"
#include "strata/result.h"

namespace strata {

enum class LowerKind {
    Absent,
    Directory,
    Other,
};

class LowerView {
public:
    // The layers are not owned and must outlive the view.
    explicit LowerView(std::vector<const LayerSource *> layers) : layers_(std::move(layers)) {}

    [[nodiscard]] bool empty() const noexcept { return layers_.empty(); }

    [[nodiscard]] Result<LowerKind> kind(const std::string &path) const;

    // The names the union shows in the directory at path, sorted; none when
    // path is not a directory there.
    [[nodiscard]] Result<std::vector<std::string>> list(const std::string &path) const;

private:
    struct Resolved {
        LowerKind kind = LowerKind::Absent;
        std::vector<std::size_t> layers; // for a directory: the layers merged into it
    };

    [[nodiscard]] Result<Resolved> resolve(const std::string &path) const;
    [[nodiscard]] Result<Resolved> step(const Resolved &dir, const std::string &path) const;

    std::vector<const LayerSource *> layers_;
};

} // namespace strata
