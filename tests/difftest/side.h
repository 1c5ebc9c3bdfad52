// SPDX-License-Identifier: GPL-2.0-only
//
// Side: one filesystem under test, seen through its mount point. Applies
// ops relative to the union's root fd (so both sides resolve every path the
// same way) and keeps the fds that hold ops open across later ops.
#pragma once

#include <array>
#include <string>

#include "op.h"
#include "outcome.h"
#include "unique_fd.h"

namespace strata::difftest {

// TEST-ONLY: a deliberate bug for the shrinker's end-to-end self-test
// (--self-test-fault). With it, a chmod that succeeded reports EIO.
enum class SelfTestFault { none, chmod_reports_eio };

class Side {
public:
    Side(std::string root_path, UniqueFd root, SelfTestFault fault = SelfTestFault::none)
        : root_path_(std::move(root_path)), root_(std::move(root)), fault_(fault)
    {
    }

    [[nodiscard]] Outcome apply(const Op &op);

    // Closes every held fd: the union can only be unmounted without them.
    void release_all() noexcept;

    [[nodiscard]] int root_fd() const noexcept { return root_.get(); }
    [[nodiscard]] const std::string &root_path() const noexcept { return root_path_; }

private:
    std::string root_path_;
    UniqueFd root_;
    std::array<UniqueFd, held_slots> held_;
    SelfTestFault fault_;

    [[nodiscard]] std::string full_path(const std::string &path) const;
    [[nodiscard]] Outcome dispatch(const Op &op);
    [[nodiscard]] Outcome create(const Op &op) const;
    [[nodiscard]] Outcome write(const Op &op) const;
    [[nodiscard]] Outcome read_link(const Op &op) const;
    [[nodiscard]] Outcome xattr(const Op &op) const;
    [[nodiscard]] Outcome utimes(const Op &op) const;
    [[nodiscard]] Outcome hold(const Op &op);
    [[nodiscard]] Outcome read_held(const Op &op) const;
};

} // namespace strata::difftest
