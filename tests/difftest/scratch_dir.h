// SPDX-License-Identifier: GPL-2.0-only
//
// ScratchDir: a fresh directory that is removed, with everything in it,
// when the object goes. Removal stays on the directory's own filesystem:
// a union still mounted inside is left alone rather than emptied through.
#pragma once

#include <string>
#include <utility>

#include "strata/result.h"

namespace strata::difftest {

class ScratchDir {
public:
    // A new directory PARENT/PREFIX.XXXXXX.
    [[nodiscard]] static Result<ScratchDir> create(const std::string &parent,
                                                   const std::string &prefix);

    ScratchDir(ScratchDir &&other) noexcept : path_(std::exchange(other.path_, {})) {}
    ScratchDir &operator=(ScratchDir &&) = delete;
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    ~ScratchDir();

    [[nodiscard]] const std::string &path() const noexcept { return path_; }

private:
    explicit ScratchDir(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

// Removes path and everything below it on its filesystem; 0 or an errno.
[[nodiscard]] int remove_tree(const std::string &path);

} // namespace strata::difftest
