// SPDX-License-Identifier: GPL-2.0-only
//
// MountGuard: a mounted filesystem, unmounted when the guard goes (lazily
// if still busy), so no error path leaves a mount behind. It can adopt a
// mount another program made (fuse-overlayfs mounts itself).
#pragma once

#include <string>
#include <utility>

#include "strata/result.h"

namespace strata::bench {

class MountGuard {
public:
    MountGuard() = default;
    [[nodiscard]] static Result<MountGuard> mount(const std::string &source,
                                                  const std::string &target,
                                                  const std::string &type,
                                                  const std::string &data);
    [[nodiscard]] static MountGuard adopt(std::string target) { return MountGuard(std::move(target)); }

    MountGuard(MountGuard &&other) noexcept : target_(std::exchange(other.target_, {})) {}
    MountGuard &operator=(MountGuard &&other) noexcept
    {
        if (this != &other) {
            release();
            target_ = std::exchange(other.target_, {});
        }
        return *this;
    }
    MountGuard(const MountGuard &) = delete;
    MountGuard &operator=(const MountGuard &) = delete;
    ~MountGuard() { release(); }

    // A plain umount, reported: a union's upper is final only after it.
    [[nodiscard]] Result<void> unmount();

private:
    explicit MountGuard(std::string target) : target_(std::move(target)) {}
    void release() noexcept;
    std::string target_; // empty: nothing mounted
};

} // namespace strata::bench
