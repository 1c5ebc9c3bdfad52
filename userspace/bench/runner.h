// SPDX-License-Identifier: GPL-2.0-only
//
// run_bench: the guest side of the benchmark. For each layer count it
// builds the trees (stack.h), then for each workload of the suite mounts
// every contender fresh, runs a discarded warm-up batch on each, then the
// repetitions with the contenders' order rotated every time, and records a
// Figure per contender. A contender that fails a workload gets a note in
// the results instead of a figure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "contender.h"
#include "result_set.h"
#include "strata/result.h"

namespace strata::bench {

struct RunOptions {
    std::string suite = "icount"; // or "wall"
    bool quick = false;
    std::vector<Contender> contenders{Contender::strata, Contender::overlay,
                                      Contender::fuse_overlayfs, Contender::bare};
    std::vector<unsigned> layers;       // empty: the suite's
    std::size_t reps = 0;               // 0: the suite's
    std::vector<std::string> workloads; // names to run; empty: all
    std::string scratch = "/tmp/strata-bench";
    std::string ext4_dev; // a device for the ext4 rows; empty: a loop device
    std::uint64_t seed = 1;
};

[[nodiscard]] Result<ResultSet> run_bench(const RunOptions &options);

} // namespace strata::bench
