// SPDX-License-Identifier: GPL-2.0-only
//
// FigureIndex: the figures of one or more runs, found by row and contender.
// Everything the report computes (ratios, slopes, goals) reads through it.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "result_set.h"
#include "row_key.h"

namespace strata::bench {

class FigureIndex {
public:
    explicit FigureIndex(std::span<const ResultSet> runs);

    [[nodiscard]] const Figure *find(const RowKey &key, const std::string &contender) const;
    [[nodiscard]] std::optional<double> median(const RowKey &key,
                                               const std::string &contender) const;
    // median(numerator) / median(denominator); nullopt if either is absent
    // or the denominator is not positive.
    [[nodiscard]] std::optional<double> ratio(const RowKey &key, const std::string &numerator,
                                              const std::string &denominator) const;

    // Every row, sorted (clock, workload, variant, ...).
    [[nodiscard]] std::vector<RowKey> rows() const;
    // Every layer count a row of this kind was measured at, ascending.
    [[nodiscard]] std::vector<unsigned> layer_counts(const RowKey &key) const;
    // Every contender with a figure anywhere: strata, overlay, fuse-overlayfs,
    // bare, then any other in the order first seen.
    [[nodiscard]] const std::vector<std::string> &contenders() const noexcept
    {
        return contenders_;
    }

private:
    std::map<std::pair<RowKey, std::string>, Figure> figures_;
    std::vector<std::string> contenders_;
};

} // namespace strata::bench
