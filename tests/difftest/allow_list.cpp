// SPDX-License-Identifier: GPL-2.0-only
#include "allow_list.h"

namespace strata::difftest {

const AllowedDifference *find_allowed(const Mismatch &mismatch,
                                      std::span<const AllowedDifference> table)
{
    const std::string signature = mismatch.signature();
    for (const AllowedDifference &entry : table) {
        if (entry.signature == signature && (entry.a.empty() || entry.a == mismatch.a) &&
            (entry.b.empty() || entry.b == mismatch.b))
            return &entry;
    }
    return nullptr;
}

} // namespace strata::difftest
