// SPDX-License-Identifier: GPL-2.0-only
#include "slopes.h"

#include <functional>
#include <map>
#include <utility>

namespace strata::bench {
namespace {

struct Points {
    std::vector<double> xs, ys;
    std::string unit;
};

using SeriesMap = std::map<std::pair<RowKey, std::string>, Points>;

// The unit the parameter's slope is given per, and the x value of a row.
[[nodiscard]] std::pair<std::string, double> param_axis(const RowKey &key)
{
    if (key.param_name == "size")
        return {"MiB", static_cast<double>(key.param) / (1 << 20)};
    return {key.param_name == "entries" ? "entry" : key.param_name,
            static_cast<double>(key.param)};
}

[[nodiscard]] std::vector<Slope> fit_all(const SeriesMap &series,
                                         const std::function<std::string(const RowKey &)> &per)
{
    std::vector<Slope> slopes;
    for (const auto &[id, points] : series) {
        if (const auto fit = fit_line(points.xs, points.ys))
            slopes.push_back(
                Slope{id.first, id.second, per(id.first), points.unit, *fit, points.xs.size()});
    }
    return slopes;
}

} // namespace

std::vector<Slope> layer_slopes(const FigureIndex &index)
{
    SeriesMap series;
    for (const RowKey &key : index.rows()) {
        for (const std::string &c : index.contenders()) {
            if (const Figure *f = index.find(key, c)) {
                Points &p = series[{at_layers(key, 0), c}];
                p.unit = f->unit;
                p.xs.push_back(key.layers);
                p.ys.push_back(f->median);
            }
        }
    }
    return fit_all(series, [](const RowKey &) { return std::string("layer"); });
}

std::vector<Slope> param_slopes(const FigureIndex &index)
{
    SeriesMap series;
    for (const RowKey &key : index.rows()) {
        if (key.param_name.empty() || key.param_name == "threads")
            continue;
        RowKey kind = key;
        kind.param = 0;
        for (const std::string &c : index.contenders()) {
            if (const Figure *f = index.find(key, c)) {
                Points &p = series[{kind, c}];
                p.unit = f->unit;
                p.xs.push_back(param_axis(key).second);
                p.ys.push_back(f->median);
            }
        }
    }
    return fit_all(series, [](const RowKey &key) { return param_axis(key).first; });
}

std::optional<LineFit> layer_slope(const FigureIndex &index, const RowKey &key,
                                   const std::string &contender)
{
    Points p;
    for (const unsigned layers : index.layer_counts(key)) {
        if (const auto m = index.median(at_layers(key, layers), contender)) {
            p.xs.push_back(layers);
            p.ys.push_back(*m);
        }
    }
    return fit_line(p.xs, p.ys);
}

} // namespace strata::bench
