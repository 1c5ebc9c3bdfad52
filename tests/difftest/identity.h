// SPDX-License-Identifier: GPL-2.0-only
//
// Identities: what a union's inode numbers are the numbers of. The two
// unions of a trial stack copies of the same layers, so a number means
// nothing from one to the other, but what it numbers does: a lower object
// (its layer and the first of its paths there), the upper object at the
// same path, or neither. With every layer and the upper on one filesystem
// (the scratch directory), overlayfs and strata both show the real
// numbers, so each side's identities compare with the other's.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "strata/result.h"

namespace strata::difftest {

class Identities {
public:
    // The lower objects of the layers at these paths (L1 first).
    [[nodiscard]] static Result<Identities> of_layers(const std::vector<std::string> &lowers,
                                                      std::string upper);
    // "L<k>:<path>", "upper" or "other" for st_ino ino seen at path.
    [[nodiscard]] std::string name(std::uint64_t ino, const std::string &path) const;

private:
    std::map<std::uint64_t, std::string> lower_;
    std::string upper_;
};

} // namespace strata::difftest
