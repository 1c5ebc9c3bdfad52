// SPDX-License-Identifier: GPL-2.0-only
//
// AtomicOutput: a file that appears whole or not at all. It is written
// under a temporary name beside its final one and renamed at the end, so
// a failed export leaves no partial tarball behind (and an existing one
// untouched).
#pragma once

#include <string>

#include "strata/result.h"
#include "unique_fd.h"

namespace strata {

class AtomicOutput {
public:
    // "-" is standard output, written directly: there is nothing to rename.
    [[nodiscard]] static Result<AtomicOutput> create(const std::string &path);

    AtomicOutput(AtomicOutput &&other) noexcept;
    AtomicOutput &operator=(AtomicOutput &&) = delete;
    AtomicOutput(const AtomicOutput &) = delete;
    AtomicOutput &operator=(const AtomicOutput &) = delete;
    // Removes the temporary file unless committed.
    ~AtomicOutput();

    [[nodiscard]] int fd() const noexcept;

    // Flushes the data to disk and moves the file to its final name, with
    // the mode a new file gets (0666 less the umask).
    [[nodiscard]] Result<void> commit();

private:
    AtomicOutput(std::string final_path, std::string temp_path, UniqueFd fd)
        : final_path_(std::move(final_path)), temp_path_(std::move(temp_path)), fd_(std::move(fd))
    {
    }

    std::string final_path_;
    std::string temp_path_; // empty for standard output, or once committed
    UniqueFd fd_;
};

} // namespace strata
