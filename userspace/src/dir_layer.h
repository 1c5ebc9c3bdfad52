// SPDX-License-Identifier: GPL-2.0-only
//
// DirLayer: a layer directory on disk (an upper, a lower, an overlay2
// diff/) seen through the LayerSource interface.
#pragma once

#include <string>
#include <vector>

#include "strata/layer_source.h"
#include "strata/result.h"
#include "unique_fd.h"

namespace strata {

class DirLayer final : public LayerSource {
public:
    // userxattr picks the opaque xattr's namespace, as the mount option does.
    [[nodiscard]] static Result<DirLayer> open(const std::string &path, bool userxattr);

    [[nodiscard]] Result<Node> stat(const std::string &path) const override;
    [[nodiscard]] Result<std::vector<std::string>> list(const std::string &path) const override;

    [[nodiscard]] const std::string &path() const noexcept { return path_; }

private:
    DirLayer(std::string path, UniqueFd root, bool userxattr)
        : path_(std::move(path)), root_(std::move(root)), userxattr_(userxattr)
    {
    }

    std::string path_;
    UniqueFd root_;
    bool userxattr_ = false;
};

} // namespace strata
