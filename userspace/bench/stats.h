// SPDX-License-Identifier: GPL-2.0-only
//
// The statistics the benchmark reports: median and 90th percentile of a
// figure's repetitions, and a least-squares line through cost against layer
// count (or entries, or bytes) for the slopes. Pure functions.
#pragma once

#include <optional>
#include <span>

namespace strata::bench {

// The q-quantile (0 <= q <= 1) with linear interpolation between the two
// nearest ranks, so the median of an even count is the mean of the middle
// two. Nullopt for no values.
[[nodiscard]] std::optional<double> quantile(std::span<const double> values, double q);

[[nodiscard]] inline std::optional<double> median(std::span<const double> values)
{
    return quantile(values, 0.5);
}

[[nodiscard]] inline std::optional<double> p90(std::span<const double> values)
{
    return quantile(values, 0.9);
}

struct LineFit {
    double slope = 0;
    double intercept = 0;
};

// Ordinary least squares y = slope * x + intercept. Nullopt when there are
// fewer than two points, the spans differ in length, or every x is equal.
[[nodiscard]] std::optional<LineFit> fit_line(std::span<const double> xs,
                                              std::span<const double> ys);

} // namespace strata::bench
