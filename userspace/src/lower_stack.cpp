// SPDX-License-Identifier: GPL-2.0-only
#include "lower_stack.h"

namespace strata {

Result<LowerStack> LowerStack::open(const std::vector<std::string> &paths, bool userxattr)
{
    std::vector<std::unique_ptr<DirLayer>> layers;
    std::vector<const LayerSource *> sources;
    for (const auto &path : paths) {
        auto layer = DirLayer::open(path, userxattr);
        if (!layer)
            return layer.error();
        layers.push_back(std::make_unique<DirLayer>(std::move(layer).value()));
        sources.push_back(layers.back().get());
    }
    return LowerStack(std::move(layers), LowerView(std::move(sources)));
}

} // namespace strata
