// SPDX-License-Identifier: GPL-2.0-only
//
// Outcome: what an op returned on one filesystem. Compared whole between
// the two sides: return value, errno, and what it read (readlink's target,
// read-held's size and hash).
#pragma once

#include <cstdint>
#include <string>

namespace strata::difftest {

struct Outcome {
    std::int64_t ret = 0;
    int err = 0;        // errno when ret is -1
    std::string detail; // data the op read; "" for most ops

    bool operator==(const Outcome &) const = default;

    // "0", "20", "-1 ENOENT", "0 a/b" (readlink), "0 4096 0123abcd..." (read-held).
    [[nodiscard]] std::string to_string() const;
};

} // namespace strata::difftest
