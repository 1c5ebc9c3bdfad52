// SPDX-License-Identifier: GPL-2.0-only
//
// MountGuard: one union mounted with mount(2), unmounted when the object
// goes (lazily if it is still busy), so no error path leaves a mount behind.
#pragma once

#include <string>
#include <utility>

#include "strata/result.h"

namespace strata::difftest {

class MountGuard {
public:
    // mount("difftest", target, fstype, 0, data). The Error's sys_errno is
    // mount's errno: a refused mount is a result to compare, not a crash.
    [[nodiscard]] static Result<MountGuard> mount(const std::string &fstype,
                                                  const std::string &target,
                                                  const std::string &data);

    MountGuard(MountGuard &&other) noexcept : target_(std::exchange(other.target_, {})) {}
    MountGuard &operator=(MountGuard &&) = delete;
    MountGuard(const MountGuard &) = delete;
    MountGuard &operator=(const MountGuard &) = delete;
    ~MountGuard();

    // A plain umount: the upper directory is final only once it succeeded.
    [[nodiscard]] Result<void> unmount();

private:
    explicit MountGuard(std::string target) : target_(std::move(target)) {}
    std::string target_; // empty once unmounted
};

} // namespace strata::difftest
