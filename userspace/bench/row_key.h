// SPDX-License-Identifier: GPL-2.0-only
//
// RowKey: what makes figures of different contenders comparable: the same
// workload, variant, parameter, layer count, backing filesystem, cache
// state and clock. A ratio table row is one RowKey.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "figure.h"

namespace strata::bench {

struct RowKey {
    std::string clock;
    std::string workload;
    std::string variant;
    std::string backing;
    std::string cache;
    std::string param_name;
    std::uint64_t param = 0;
    unsigned layers = 0;

    auto operator<=>(const RowKey &) const = default;
    bool operator==(const RowKey &) const = default;
};

[[nodiscard]] inline RowKey row_key(const Figure &f)
{
    return RowKey{f.clock, f.workload, f.variant, f.backing, f.cache, f.param_name, f.param, f.layers};
}

// The same row at another layer count: the points of a per-layer series.
[[nodiscard]] inline RowKey at_layers(RowKey key, unsigned layers)
{
    key.layers = layers;
    return key;
}

} // namespace strata::bench
