// SPDX-License-Identifier: GPL-2.0-only
//
// Figure: one measured row with everything needed to read it alone: what
// was done (workload, variant, parameter), on what (contender, layer count,
// backing filesystem, cache state, kernel), how it was timed (clock, batch
// size, repetitions) and what came out (one value per repetition, their
// median and 90th percentile, per operation).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace strata::bench {

struct Figure {
    std::string workload;   // "stat", "copy-up", ...
    std::string variant;    // "shallow", "deep", ... or "" when there is one kind
    std::string contender;  // "strata", "overlay", "fuse-overlayfs", "bare"
    unsigned layers = 0;    // lower layers of the union (bare: of the tree it flattens)
    std::string backing;    // "tmpfs", "ext4" (lowers on ext4), "ext4-upper"
    std::string cache;      // "warm", "cold", or "-" where the notion does not apply
    std::string clock;      // "icount" (guest instructions as ns) or "wall"
    std::string unit;       // "ns/op", "bytes/inode", "x file size"
    std::string param_name; // "size", "entries", "threads", or ""
    std::uint64_t param = 0;
    std::size_t batch = 0;  // operations per timed batch
    std::size_t repetitions = 0;
    std::vector<double> samples; // per operation, one per repetition
    double median = 0;
    double p90 = 0;
    std::string kernel;
    std::string note;

    bool operator==(const Figure &) const = default;
};

} // namespace strata::bench
