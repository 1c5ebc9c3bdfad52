// SPDX-License-Identifier: GPL-2.0-only
#include "plot_script.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "format.h"

namespace strata::bench {
namespace {

struct Plot {
    std::string stem;
    std::string title;
    std::string xlabel;
    std::string unit;
    bool log_x = false;
    std::vector<double> xs;
    std::vector<std::string> contenders;
    std::vector<std::vector<std::optional<double>>> values; // [x][contender]
};

[[nodiscard]] std::string slug(const std::string &text)
{
    std::string out;
    for (const char c : text) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (keep)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

[[nodiscard]] std::string kind_label(const RowKey &kind)
{
    std::string text = workload_label(kind);
    if (const std::string param = format_param(kind); !param.empty() && kind.param != 0)
        text += ", " + param;
    if (kind.cache != "-")
        text += ", " + kind.cache;
    return text + ", " + kind.backing + ", " + kind.clock;
}

// Fills a plot's table: for each x, each contender's median at key_at(x).
template <typename KeyAt>
void fill(Plot &plot, const FigureIndex &index, KeyAt key_at)
{
    for (const std::string &c : index.contenders()) {
        const bool any = std::ranges::any_of(
            plot.xs, [&](double x) { return index.find(key_at(x), c) != nullptr; });
        if (any)
            plot.contenders.push_back(c);
    }
    for (const double x : plot.xs) {
        std::vector<std::optional<double>> row;
        for (const std::string &c : plot.contenders)
            row.push_back(index.median(key_at(x), c));
        plot.values.push_back(std::move(row));
    }
}

[[nodiscard]] std::string unit_of(const FigureIndex &index, const RowKey &key)
{
    for (const std::string &c : index.contenders()) {
        if (const Figure *f = index.find(key, c))
            return f->unit;
    }
    return "ns/op";
}

[[nodiscard]] std::vector<Plot> layer_plots(const FigureIndex &index)
{
    std::vector<Plot> plots;
    std::set<RowKey> kinds;
    for (const RowKey &key : index.rows())
        kinds.insert(at_layers(key, 0));
    for (const RowKey &kind : kinds) {
        const std::vector<unsigned> counts = index.layer_counts(kind);
        if (counts.size() < 2)
            continue;
        Plot p;
        p.title = kind_label(kind);
        p.stem = "layers-" + slug(p.title);
        p.xlabel = "lower layers";
        p.log_x = true;
        p.xs.assign(counts.begin(), counts.end());
        fill(p, index, [&](double x) { return at_layers(kind, static_cast<unsigned>(x)); });
        p.unit = unit_of(index, at_layers(kind, counts.front()));
        plots.push_back(std::move(p));
    }
    return plots;
}

// Copy-up against size and readdir against entries, at the largest layer
// count each was measured at.
[[nodiscard]] std::vector<Plot> param_plots(const FigureIndex &index)
{
    std::map<RowKey, std::set<std::uint64_t>> params; // kind (param 0, layers 0) -> values
    std::map<RowKey, unsigned> max_layers;
    for (const RowKey &key : index.rows()) {
        if (key.param_name != "size" && key.param_name != "entries")
            continue;
        RowKey kind = at_layers(key, 0);
        kind.param = 0;
        params[kind].insert(key.param);
        max_layers[kind] = std::max(max_layers[kind], key.layers);
    }
    std::vector<Plot> plots;
    for (const auto &[kind, values] : params) {
        Plot p;
        const unsigned layers = max_layers[kind];
        // Sizes in KiB read better on the axis; a log axis has no zero.
        const double per_x = kind.param_name == "size" ? 1024 : 1;
        for (const std::uint64_t v : values) {
            if (v > 0)
                p.xs.push_back(static_cast<double>(v) / per_x);
        }
        if (p.xs.size() < 2)
            continue;
        p.title = fmt::format("{} ({} layers)", kind_label(kind), layers);
        p.stem = kind.param_name + "-" + slug(p.title);
        p.xlabel = kind.param_name == "size" ? "file size (KiB)" : "directory entries";
        p.log_x = true;
        const auto key_at = [&](double x) {
            RowKey k = at_layers(kind, layers);
            k.param = static_cast<std::uint64_t>(x * per_x);
            return k;
        };
        fill(p, index, key_at);
        p.unit = unit_of(index, key_at(p.xs.front()));
        plots.push_back(std::move(p));
    }
    return plots;
}

[[nodiscard]] std::string data_text(const Plot &p)
{
    std::string text = "# x";
    for (const std::string &c : p.contenders)
        text += " " + c;
    text += "\n";
    for (std::size_t i = 0; i < p.xs.size(); i++) {
        text += fmt::format("{:.6g}", p.xs[i]);
        for (const auto &v : p.values[i])
            text += v ? fmt::format(" {:.6g}", *v) : std::string(" NaN");
        text += "\n";
    }
    return text;
}

[[nodiscard]] std::string quoted(const std::string &text)
{
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

[[nodiscard]] std::string plot_commands(const Plot &p)
{
    std::string text = fmt::format("set output {}\nset title {}\nset xlabel {}\nset ylabel {}\n",
                                   quoted(p.stem + ".png"), quoted(p.title), quoted(p.xlabel),
                                   quoted(p.unit == "ns/op" ? "ns per operation (median)" : p.unit + " (median)"));
    text += p.log_x ? "set logscale x 2\n" : "unset logscale x\n";
    // Contenders differ by orders of magnitude (fuse): a log axis keeps them
    // all readable. Memory figures can be zero or negative: linear there.
    text += p.unit == "ns/op" ? "set logscale y\n" : "unset logscale y\n";
    text += "plot ";
    for (std::size_t c = 0; c < p.contenders.size(); c++) {
        text += fmt::format("{}{} using 1:{} with linespoints title {}", c ? ", " : "",
                            c ? std::string("''") : quoted(p.stem + ".dat"), c + 2,
                            quoted(p.contenders[c]));
    }
    return text + "\n";
}

} // namespace

PlotSet make_plots(const FigureIndex &index)
{
    std::vector<Plot> plots = layer_plots(index);
    std::vector<Plot> by_param = param_plots(index);
    plots.insert(plots.end(), std::make_move_iterator(by_param.begin()),
                 std::make_move_iterator(by_param.end()));

    PlotSet set;
    set.script = "plots.gp";
    std::string script = "# Written by strata-bench report; run: gnuplot plots.gp\n"
                         "set terminal pngcairo size 800,480 noenhanced\n"
                         "set datafile missing 'NaN'\nset key left top\nset grid\n"
                         "set format x '%g'\nset format y '%g'\n";
    for (const Plot &p : plots) {
        if (p.contenders.empty())
            continue;
        set.files.push_back(PlotFile{p.stem + ".dat", data_text(p)});
        script += plot_commands(p);
        set.images.push_back(PlotImage{p.stem + ".png", p.title});
    }
    set.files.push_back(PlotFile{set.script, script});
    return set;
}

} // namespace strata::bench
