// SPDX-License-Identifier: GPL-2.0-only
//
// LoopDevice: a file attached to a free loop device, detached when the
// object goes. The cold rows' layers live on ext4 over a file in tmpfs:
// drop_caches can then empty their caches, and their I/O is guest CPU work.
#pragma once

#include <string>

#include "strata/result.h"
#include "unique_fd.h"

namespace strata::bench {

class LoopDevice {
public:
    [[nodiscard]] static Result<LoopDevice> attach(const std::string &file);

    LoopDevice(LoopDevice &&) noexcept = default;
    LoopDevice &operator=(LoopDevice &&) = delete;
    LoopDevice(const LoopDevice &) = delete;
    LoopDevice &operator=(const LoopDevice &) = delete;
    ~LoopDevice();

    [[nodiscard]] const std::string &path() const noexcept { return path_; }

private:
    LoopDevice(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
    UniqueFd fd_;
    std::string path_;
};

} // namespace strata::bench
