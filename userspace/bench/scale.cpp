// SPDX-License-Identifier: GPL-2.0-only
#include "scale.h"

namespace strata::bench {

Scale scale_for(const std::string &suite, bool quick)
{
    constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB;
    Scale s;
    s.ext4_bytes = 1024 * MiB;
    // icount repeats to within 0.3%: three repetitions are plenty. Wall
    // clock needs more, interleaved, to see through the emulator's noise.
    const bool wall = suite == "wall";
    s.reps = wall ? (quick ? 3 : 5) : (quick ? 2 : 3);
    s.layers = quick ? std::vector<unsigned>{1, 32} : std::vector<unsigned>{1, 8, 32, 128};
    s.plan.image_files = quick ? 500 : 1500;
    s.plan.blob_size = quick ? 4 * MiB : 16 * MiB;
    s.plan.readdir_entries = quick ? std::vector<std::size_t>{64, 512}
                                   : std::vector<std::size_t>{64, 1024};
    // Files per slot: a batch of small copy-ups, few large ones.
    if (quick)
        s.plan.copy_up = {{0, 16}, {4 * KiB, 16}, {1 * MiB, 2}, {16 * MiB, 1}};
    else if (wall)
        s.plan.copy_up = {{0, 32}, {4 * KiB, 32}, {64 * KiB, 16}, {1 * MiB, 4}, {16 * MiB, 1}};
    else
        s.plan.copy_up = {{0, 32},    {4 * KiB, 32}, {64 * KiB, 16},
                          {1 * MiB, 4}, {16 * MiB, 1}, {64 * MiB, 1}};
    return s;
}

} // namespace strata::bench
