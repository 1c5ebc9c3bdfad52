// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "figure_index.h"
#include "format.h"
#include "goals.h"
#include "slopes.h"

namespace strata::bench {
namespace {

const char *const denominators[] = {"overlay", "bare", "fuse-overlayfs"};

[[nodiscard]] std::string join(const std::vector<std::string> &items, const char *sep)
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : sep) + item;
    return out;
}

// A row kind's leading cells: workload, parameter, cache, backing.
[[nodiscard]] std::string kind_cells(const RowKey &k)
{
    return fmt::format("| {} | {} | {} | {} ", workload_label(k), format_param(k), k.cache,
                       k.backing);
}

[[nodiscard]] std::string run_summary(const ResultSet &run)
{
    std::string text = fmt::format(
        "- **{}** suite{}: kernel {}, {} CPU{}, clock {}, seed {}, layers {}, {} figures, "
        "ran {:.0f} s.\n",
        run.suite, run.quick ? " (quick)" : "", run.kernel, run.cpus, run.cpus == 1 ? "" : "s",
        run.clock, run.seed,
        join([&] {
            std::vector<std::string> l;
            for (const unsigned n : run.layers)
                l.push_back(std::to_string(n));
            return l;
        }(), ","),
        run.figures.size(), run.seconds);
    text += "  Contenders: " + join(run.contenders, ", ") + ".\n";
    for (const Skip &s : run.skipped)
        text += fmt::format("  Not measured: {} ({}).\n", s.contender, s.reason);
    for (const std::string &note : run.notes)
        text += "  " + note + "\n";
    return text;
}

[[nodiscard]] std::string header(std::span<const ResultSet> runs)
{
    std::string text = "# Strata benchmark report\n\n";
    text += "Strata against the kernel's overlay, fuse-overlayfs and the bare filesystem (a "
            "flattened copy of the merged view), in the same guest and run, over identical "
            "generated layer trees. Each figure is the median over repetitions of a batch's "
            "cost per operation, after a discarded warm-up batch, contenders interleaved.\n\n"
            "Under `-icount shift=0` guest time counts guest instructions: 1 ns = 1 "
            "instruction, repeatable to about 0.3%, blind to I/O waits. Wall-clock rows (2 "
            "CPUs, ext4 upper on a virtio disk) are noisier; read their p90 too.\n\n";
    for (const ResultSet &run : runs)
        text += run_summary(run);
    return text + "\n";
}

[[nodiscard]] std::string goals_section(const FigureIndex &index)
{
    const std::vector<GoalVerdict> verdicts = evaluate_goals(index);
    std::string text = "## Goals\n\nVerdicts take the rows over tmpfs from the icount suite and "
                       "the rows that wait on a disk (ext4 upper, virtio disk) from the wall "
                       "suite; the wall suite's tmpfs rows are a second opinion, in the tables "
                       "only.\n\n| # | goal | target | measured (worst row) | verdict |\n"
                       "|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < verdicts.size(); i++) {
        const GoalVerdict &v = verdicts[i];
        text += fmt::format("| {} | {} | {} | {} | {} |\n", i + 1, v.goal, v.target, v.measured,
                            status_name(v.status));
    }
    text += "\n";
    for (std::size_t i = 0; i < verdicts.size(); i++)
        text += fmt::format("{}. **{}.** {}\n", i + 1, status_name(verdicts[i].status),
                            verdicts[i].detail);
    return text + "\n";
}

[[nodiscard]] std::vector<std::string> clocks(const FigureIndex &index)
{
    std::vector<std::string> out;
    for (const RowKey &k : index.rows()) {
        if (std::ranges::find(out, k.clock) == out.end())
            out.push_back(k.clock);
    }
    return out;
}

[[nodiscard]] std::vector<RowKey> kinds_of(const FigureIndex &index, const std::string &clock)
{
    std::set<RowKey> kinds;
    for (const RowKey &k : index.rows()) {
        if (k.clock == clock)
            kinds.insert(at_layers(k, 0));
    }
    return {kinds.begin(), kinds.end()};
}

[[nodiscard]] std::vector<unsigned> all_layers(const FigureIndex &index, const std::string &clock)
{
    std::set<unsigned> layers;
    for (const RowKey &k : index.rows()) {
        if (k.clock == clock)
            layers.insert(k.layers);
    }
    return {layers.begin(), layers.end()};
}

[[nodiscard]] std::string ratio_table(const FigureIndex &index, const std::string &clock,
                                      const std::string &den)
{
    const std::vector<unsigned> layers = all_layers(index, clock);
    std::string head = "| workload | parameter | cache | backing ";
    std::string rule = "|---|---|---|---";
    for (const unsigned l : layers) {
        head += fmt::format("| {} ", l);
        rule += "|---:";
    }
    std::string body;
    for (const RowKey &kind : kinds_of(index, clock)) {
        std::string cells;
        bool any = false;
        for (const unsigned l : layers) {
            const auto r = index.ratio(at_layers(kind, l), "strata", den);
            cells += r ? fmt::format("| {:.2f} ", *r) : std::string("| - ");
            any = any || r.has_value();
        }
        if (any)
            body += kind_cells(kind) + cells + "|\n";
    }
    if (body.empty())
        return fmt::format("No row has figures of both strata and {}.\n\n", den);
    return head + "|\n" + rule + "|\n" + body + "\n";
}

[[nodiscard]] std::string ratios_section(const FigureIndex &index)
{
    std::string text = "## Ratios\n\nstrata's median over the other contender's, per layer "
                       "count (columns); below 1 means strata is faster. For copy-up, bare is "
                       "the copy floor: create + copy_file_range + fsync on the upper.\n\n";
    for (const std::string &clock : clocks(index)) {
        for (const char *den : denominators)
            text += fmt::format("### {}: strata / {}\n\n", clock, den) +
                    ratio_table(index, clock, den);
    }
    return text;
}

[[nodiscard]] std::string slope_rows(const std::vector<Slope> &slopes)
{
    std::string text;
    for (const Slope &s : slopes) {
        RowKey shown = s.series; // the parameter is what varies in per-entry slopes
        const std::string param = s.per == "layer" ? format_param(shown) : "";
        const std::string at = s.per == "layer" ? "" : fmt::format("{} layers, ", shown.layers);
        text += fmt::format("| {} | {}{}{}, {}{}, {} | {} | {} per {} | {} | {} |\n", shown.clock,
                            workload_label(shown), param.empty() ? "" : ", ", param, at,
                            shown.cache, shown.backing, s.contender,
                            format_value(s.fit.slope, s.unit), s.per,
                            format_value(s.fit.intercept, s.unit), s.points);
    }
    return text;
}

[[nodiscard]] std::string slopes_section(const FigureIndex &index)
{
    const std::string head = "| clock | row | contender | slope | intercept | points |\n"
                             "|---|---|---|---:|---:|---:|\n";
    std::string text = "## Slopes\n\nLeast-squares lines through the medians.\n\n"
                       "### Per lower layer\n\n";
    text += head + slope_rows(layer_slopes(index)) + "\n";
    text += "### Per directory entry and per MiB\n\n";
    return text + head + slope_rows(param_slopes(index)) + "\n";
}

[[nodiscard]] std::string plots_section(const std::vector<PlotImage> &images)
{
    if (images.empty())
        return "";
    std::string text = "## Plots\n\n";
    for (const PlotImage &img : images)
        text += fmt::format("![{}]({})\n\n", img.title, img.file);
    return text;
}

[[nodiscard]] std::string figures_section(const FigureIndex &index)
{
    const std::vector<std::string> &cs = index.contenders();
    std::string text = "## All figures\n\nMedian (p90) per operation; batch x repetitions of "
                       "the strata figure.\n\n| clock | workload | parameter | cache | backing | "
                       "layers ";
    std::string rule = "|---|---|---|---|---|---:";
    for (const std::string &c : cs) {
        text += "| " + c + " ";
        rule += "|---:";
    }
    text += "| batch x reps |\n" + rule + "|---|\n";
    for (const RowKey &k : index.rows()) {
        text += fmt::format("| {} ", k.clock) + kind_cells(k) + fmt::format("| {} ", k.layers);
        std::string shape = "-";
        for (const std::string &c : cs) {
            const Figure *f = index.find(k, c);
            text += f ? fmt::format("| {} ({}) ", format_value(f->median, f->unit),
                                    format_value(f->p90, f->unit))
                      : std::string("| - ");
            if (f && (c == "strata" || shape == "-"))
                shape = fmt::format("{} x {}", f->batch, f->repetitions);
        }
        text += "| " + shape + " |\n";
    }
    return text + "\n";
}

} // namespace

std::string render_report(std::span<const ResultSet> runs, const std::vector<PlotImage> &images)
{
    const FigureIndex index(runs);
    return header(runs) + goals_section(index) + ratios_section(index) + slopes_section(index) +
           plots_section(images) + figures_section(index);
}

} // namespace strata::bench
