// SPDX-License-Identifier: GPL-2.0-only
#include "figure_index.h"

#include <algorithm>
#include <set>

namespace strata::bench {
namespace {

// Tables and plots list contenders in this order; others after, as seen.
constexpr const char *contender_order[] = {"strata", "overlay", "fuse-overlayfs", "bare"};

[[nodiscard]] std::size_t rank(const std::string &contender)
{
    const auto it = std::ranges::find(contender_order, contender);
    return static_cast<std::size_t>(it - std::begin(contender_order));
}

} // namespace

FigureIndex::FigureIndex(std::span<const ResultSet> runs)
{
    for (const ResultSet &run : runs) {
        for (const Figure &f : run.figures) {
            figures_.insert_or_assign({row_key(f), f.contender}, f);
            if (std::ranges::find(contenders_, f.contender) == contenders_.end())
                contenders_.push_back(f.contender);
        }
    }
    std::ranges::stable_sort(contenders_, {}, rank);
}

const Figure *FigureIndex::find(const RowKey &key, const std::string &contender) const
{
    const auto it = figures_.find({key, contender});
    return it == figures_.end() ? nullptr : &it->second;
}

std::optional<double> FigureIndex::median(const RowKey &key, const std::string &contender) const
{
    const Figure *f = find(key, contender);
    return f ? std::optional<double>(f->median) : std::nullopt;
}

std::optional<double> FigureIndex::ratio(const RowKey &key, const std::string &numerator,
                                         const std::string &denominator) const
{
    const auto num = median(key, numerator);
    const auto den = median(key, denominator);
    if (!num || !den || *den <= 0)
        return std::nullopt;
    return *num / *den;
}

std::vector<RowKey> FigureIndex::rows() const
{
    std::vector<RowKey> keys;
    for (const auto &[key, figure] : figures_) {
        if (keys.empty() || keys.back() != key.first)
            keys.push_back(key.first);
    }
    return keys; // the map's order, and contenders of one row are adjacent
}

std::vector<unsigned> FigureIndex::layer_counts(const RowKey &key) const
{
    std::set<unsigned> counts;
    for (const auto &[k, figure] : figures_) {
        if (at_layers(k.first, 0) == at_layers(key, 0))
            counts.insert(k.first.layers);
    }
    return {counts.begin(), counts.end()};
}

} // namespace strata::bench
