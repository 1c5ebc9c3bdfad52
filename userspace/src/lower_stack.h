// SPDX-License-Identifier: GPL-2.0-only
//
// LowerStack: the lower layer directories of a union, opened, and the
// merged view over them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dir_layer.h"
#include "strata/lower_view.h"
#include "strata/result.h"

namespace strata {

class LowerStack {
public:
    // paths top first; userxattr as the union was mounted.
    [[nodiscard]] static Result<LowerStack> open(const std::vector<std::string> &paths, bool userxattr);

    [[nodiscard]] const LowerView &view() const noexcept { return view_; }

private:
    LowerStack(std::vector<std::unique_ptr<DirLayer>> layers, LowerView view)
        : layers_(std::move(layers)), view_(std::move(view))
    {
    }

    // On the heap, so the view's pointers survive moving the stack.
    std::vector<std::unique_ptr<DirLayer>> layers_;
    LowerView view_;
};

} // namespace strata
