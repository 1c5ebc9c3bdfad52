// SPDX-License-Identifier: GPL-2.0-only
//
// Tiny synthetic benchmark results for the report's unit tests: figures
// whose ratios and slopes are known by construction.
#pragma once

#include <string>

#include "result_set.h"

namespace strata::bench::test {

[[nodiscard]] inline Figure figure(const std::string &workload, const std::string &contender,
                                   unsigned layers, double median, const std::string &cache = "warm",
                                   const std::string &backing = "tmpfs")
{
    Figure f;
    f.workload = workload;
    f.contender = contender;
    f.layers = layers;
    f.backing = backing;
    f.cache = cache;
    f.clock = "icount";
    f.unit = "ns/op";
    f.batch = 64;
    f.repetitions = 3;
    f.samples = {median, median, median};
    f.median = median;
    f.p90 = median;
    f.kernel = "6.1.0-test";
    return f;
}

[[nodiscard]] inline Figure with_param(Figure f, const std::string &name, std::uint64_t value)
{
    f.param_name = name;
    f.param = value;
    return f;
}

[[nodiscard]] inline Figure with_variant(Figure f, const std::string &variant)
{
    f.variant = variant;
    return f;
}

[[nodiscard]] inline ResultSet run_of(std::vector<Figure> figures)
{
    ResultSet r;
    r.kernel = "6.1.0-test";
    r.suite = "icount";
    r.clock = "icount";
    r.seed = 7;
    r.cpus = 1;
    r.layers = {1, 128};
    r.contenders = {"strata", "overlay", "bare"};
    r.skipped = {{"fuse-overlayfs", "no fuse-overlayfs binary"}};
    r.figures = std::move(figures);
    return r;
}

} // namespace strata::bench::test
