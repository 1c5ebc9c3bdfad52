// SPDX-License-Identifier: GPL-2.0-only
//
// Slopes: least-squares lines through a contender's medians, against layer
// count (what each extra layer costs) and against the row's parameter
// (what each directory entry, or each MiB copied, costs).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "figure_index.h"
#include "stats.h"

namespace strata::bench {

struct Slope {
    RowKey series;         // the varying field (layers or param) is zero
    std::string contender;
    std::string per;       // "layer", "entry", "MiB"
    std::string unit;      // the figures' unit, e.g. "ns/op"
    LineFit fit;
    std::size_t points = 0;
};

// One slope per row kind and contender measured at two layer counts or more.
[[nodiscard]] std::vector<Slope> layer_slopes(const FigureIndex &index);

// One slope per row kind, layer count and contender whose parameter took
// two values or more (readdir entries, copy-up sizes in MiB).
[[nodiscard]] std::vector<Slope> param_slopes(const FigureIndex &index);

// The slope of one series (layers zeroed in key), if it has one.
[[nodiscard]] std::optional<LineFit> layer_slope(const FigureIndex &index, const RowKey &key,
                                                 const std::string &contender);

} // namespace strata::bench
