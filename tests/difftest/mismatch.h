// SPDX-License-Identifier: GPL-2.0-only
//
// Mismatch: the first place where the two filesystems disagreed in a trial,
// and its signature, which the shrinker keeps constant ("same kind of
// mismatch") and the allow-list matches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::difftest {

enum class MismatchKind {
    mount,  // one side mounted, the other did not (or with another errno)
    result, // an op's return value or errno
    state,  // an object the op touched, or its parent, after the op
    tree,   // the whole merged trees at the end of the sequence
    upper,  // the upper directories after unmounting
};

struct Mismatch {
    MismatchKind kind = MismatchKind::result;
    std::size_t op_number = 0; // 1-based; 0 when no op is to blame
    std::string op;            // that op's case-file line
    std::string op_name;
    std::string path;
    std::string field;         // "result" for results, else the observation's field
    std::string a;             // what side A showed
    std::string b;

    // "mount", "result:rename:EXDEV/ok", "state:mode", "tree:presence",
    // "upper:type". A result's signature has how each side ended (its errno,
    // or "ok"), not the values: a shrunk case must show the same bug, but
    // may write or read other bytes.
    [[nodiscard]] std::string signature() const;

    // One paragraph for a human, naming the filesystems.
    [[nodiscard]] std::string describe(std::string_view fs_a, std::string_view fs_b) const;
};

} // namespace strata::difftest
