// SPDX-License-Identifier: GPL-2.0-only
//
// ImportTarget: the directory a layer is imported into. It must be new or
// empty, so that everything in it afterwards came from the import, and a
// failed import can be undone completely by emptying it (and removing it
// if it was created here).
#pragma once

#include <string>

#include "strata/result.h"
#include "unique_fd.h"

namespace strata {

class ImportTarget {
public:
    // Creates dir (not its parents) when absent; refuses a non-empty one.
    [[nodiscard]] static Result<ImportTarget> prepare(const std::string &dir);

    ImportTarget(ImportTarget &&other) noexcept;
    ImportTarget &operator=(ImportTarget &&) = delete;
    ImportTarget(const ImportTarget &) = delete;
    ImportTarget &operator=(const ImportTarget &) = delete;
    // Rolls back, unless kept.
    ~ImportTarget();

    [[nodiscard]] int fd() const noexcept { return dir_.get(); }

    // The import succeeded: leave what it wrote.
    void keep() noexcept { armed_ = false; }

    // Removes what was written, and the directory if it was created here.
    [[nodiscard]] Result<void> roll_back();

private:
    ImportTarget(UniqueFd parent, std::string name, UniqueFd dir, bool created)
        : parent_(std::move(parent)), name_(std::move(name)), dir_(std::move(dir)), created_(created)
    {
    }

    UniqueFd parent_; // the directory holding dir, to remove it by fd
    std::string name_;
    UniqueFd dir_;
    bool created_ = false;
    bool armed_ = true;
};

} // namespace strata
