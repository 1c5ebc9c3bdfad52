// SPDX-License-Identifier: GPL-2.0-only
//
// Backing: where a workload's layers live. Warm rows and mutations run on
// tmpfs; cold rows on ext4 (tmpfs pins its dentries, so drop_caches could
// not make them cold); copy-up also onto an ext4 upper, where fsync waits.
#pragma once

#include <string>

namespace strata::bench {

enum class Backing {
    tmpfs,      // lowers and upper on tmpfs
    ext4,       // lowers (and bare) on ext4, upper on tmpfs
    ext4_upper, // lowers on tmpfs, upper on ext4
};

[[nodiscard]] inline std::string backing_name(Backing b)
{
    switch (b) {
    case Backing::tmpfs: return "tmpfs";
    case Backing::ext4: return "ext4";
    case Backing::ext4_upper: return "ext4-upper";
    }
    return "?";
}

} // namespace strata::bench
