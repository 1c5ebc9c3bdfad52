// SPDX-License-Identifier: GPL-2.0-only
#include "stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace strata::bench {

std::optional<double> quantile(std::span<const double> values, double q)
{
    if (values.empty())
        return std::nullopt;
    std::vector<double> sorted(values.begin(), values.end());
    std::ranges::sort(sorted);
    const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double weight = rank - static_cast<double>(below);
    return sorted[below] + weight * (sorted[above] - sorted[below]);
}

std::optional<LineFit> fit_line(std::span<const double> xs, std::span<const double> ys)
{
    if (xs.size() != ys.size() || xs.size() < 2)
        return std::nullopt;
    const auto n = static_cast<double>(xs.size());
    double mean_x = 0, mean_y = 0;
    for (std::size_t i = 0; i < xs.size(); i++) {
        mean_x += xs[i] / n;
        mean_y += ys[i] / n;
    }
    // Centred sums: no cancellation when x is large (bytes) and spread small.
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < xs.size(); i++) {
        sxx += (xs[i] - mean_x) * (xs[i] - mean_x);
        sxy += (xs[i] - mean_x) * (ys[i] - mean_y);
    }
    if (sxx == 0)
        return std::nullopt;
    const double slope = sxy / sxx;
    return LineFit{slope, mean_y - slope * mean_x};
}

} // namespace strata::bench
