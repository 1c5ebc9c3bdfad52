// SPDX-License-Identifier: GPL-2.0-only
//
// generate_case: a random layer set and operation sequence from a seed. The
// same seed and options give the same case on any machine; the generator
// never looks at a filesystem, so a case is fixed before anything runs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "test_case.h"

namespace strata::difftest {

struct GeneratorOptions {
    std::size_t ops = 40;
    std::size_t max_lowers = 16;
    // user.* xattrs in layers and ops; off where the scratch filesystem
    // lacks them (tmpfs before Linux 6.6). Part of what a seed means.
    bool user_xattrs = true;
    // Hard links much more often, in layers and among the ops: the cases
    // where inode numbers and link counts are easiest to get wrong.
    bool hardlinks = false;
    // Every layer object owned by 0:0: inside a user namespace that maps
    // one id (unshare -Ur), the only owner a layer can be given. Ops still
    // chown to the other ids, which both unions must refuse there.
    bool single_owner = false;
};

[[nodiscard]] TestCase generate_case(std::uint64_t seed, const GeneratorOptions &options);

} // namespace strata::difftest
