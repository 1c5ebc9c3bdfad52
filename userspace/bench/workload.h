// SPDX-License-Identifier: GPL-2.0-only
//
// Workload: one row kind of the benchmark. Its batch function does `batch`
// operations on one contender's merged view and returns their measured
// total (ns, or bytes for memory rows), timing only the operations, not
// their setup; the runner divides by the batch size. A slot names the
// disjoint targets of one batch (0: the warm-up, 1..R: the repetitions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "backing.h"
#include "contender.h"
#include "strata/result.h"
#include "system.h"
#include "tree_plan.h"

namespace strata::bench {

struct Target {
    Contender who = Contender::bare;
    std::string root;  // the merged view; empty for workloads that mount by themselves
    std::string upper; // the union's upper (bare: a directory on the upper's filesystem)
    int root_fd = -1;  // root, opened; paths are resolved from here
    const UnionSpec *spec = nullptr; // to mount the view again
};

using BatchFn = std::function<Result<double>(const Target &, std::size_t slot)>;
using CleanupFn = std::function<Result<void>(const Target &)>;

struct Workload {
    std::string name;
    std::string variant;
    Backing backing = Backing::tmpfs;
    std::string cache = "warm"; // "cold": caches dropped before every batch
    std::string param_name;
    std::uint64_t param = 0;
    std::size_t batch = 1;
    std::string unit = "ns/op";
    bool in_icount = true;
    bool in_wall = false;
    bool premounted = true; // false: the batch mounts by itself
    bool with_bare = true;
    BatchFn run;
    CleanupFn cleanup; // after unmounting; may be empty
};

// A row of name over backing in cache state cache, batch operations a batch.
[[nodiscard]] inline Workload make_row(std::string name, Backing backing, std::string cache,
                                       std::size_t batch)
{
    Workload w;
    w.name = std::move(name);
    w.backing = backing;
    w.cache = std::move(cache);
    w.batch = batch;
    return w;
}

// Runs op(i) for i < n and returns the ns they took; the first op that
// returns false ends the batch with an Error naming what.
template <typename Op>
[[nodiscard]] Result<double> timed(std::size_t n, const std::string &what, Op &&op)
{
    const std::uint64_t start = now_ns();
    for (std::size_t i = 0; i < n; i++) {
        if (!op(i))
            return sys_error(what);
    }
    return static_cast<double>(now_ns() - start);
}

[[nodiscard]] std::vector<Workload> read_workloads(const PlanOptions &plan, std::size_t image_entries);
[[nodiscard]] std::vector<Workload> write_workloads(const PlanOptions &plan);
[[nodiscard]] std::vector<Workload> memory_workloads(const PlanOptions &plan, std::size_t image_entries);

} // namespace strata::bench
