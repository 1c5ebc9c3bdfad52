// SPDX-License-Identifier: GPL-2.0-only
//
// strata-bench: strata against the kernel's overlay, fuse-overlayfs and the
// bare filesystem.
//
//   strata-bench run [--suite icount|wall] [--quick] [--contenders LIST]
//                    [--layers LIST] [--reps N] [--workloads LIST]
//                    [--scratch DIR] [--ext4-dev DEV] [--seed N] [--out FILE]
//   strata-bench report RESULTS.json... [--out-dir DIR]
//
// `run` is the guest side (root; see runner.h), `report` the host side:
// report.md, and PNG plots drawn by gnuplot from the data files and script
// it writes. Exit status: 0 done, 1 failed, 2 usage.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "figure_index.h"
#include "plot_script.h"
#include "report.h"
#include "result_json.h"
#include "runner.h"
#include "system.h"
#include "strata/text_file.h"

namespace strata::bench {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

int fail(const std::string &message, int status = exit_failed)
{
    std::fprintf(stderr, "strata-bench: %s\n", message.c_str());
    return status;
}

struct RunArgs {
    RunOptions options;
    std::vector<std::string> contenders{"strata", "overlay", "fuse-overlayfs", "bare"};
    std::string out = "-";
};

int run_command(const RunArgs &args)
{
    RunOptions options = args.options;
    options.contenders.clear();
    for (const std::string &name : args.contenders) {
        const auto c = parse_contender(name);
        if (!c)
            return fail("unknown contender '" + name + "' (strata, overlay, fuse-overlayfs, bare)",
                        exit_usage);
        options.contenders.push_back(*c);
    }
    auto results = run_bench(options);
    if (!results)
        return fail(results.error().message);
    const std::string text = to_json_text(results.value());
    if (args.out == "-") {
        std::fputs(text.c_str(), stdout);
        return exit_ok;
    }
    if (auto written = write_text_file(args.out, text); !written)
        return fail(written.error().message);
    std::fprintf(stderr, "strata-bench: %zu figures in %s\n", results.value().figures.size(),
                 args.out.c_str());
    return exit_ok;
}

// Writes the plot files and runs gnuplot in dir; the images drawn, or none
// (with the reason on stderr) when gnuplot is missing or fails.
[[nodiscard]] std::vector<PlotImage> draw_plots(const FigureIndex &index, const std::string &dir)
{
    const PlotSet plots = make_plots(index);
    for (const PlotFile &f : plots.files) {
        if (auto written = write_text_file(dir + "/" + f.name, f.content); !written) {
            fail(written.error().message);
            return {};
        }
    }
    if (!find_program("gnuplot")) {
        fail("gnuplot not found: plots left as " + dir + "/" + plots.script + " and its data");
        return {};
    }
    std::error_code ec;
    const auto here = std::filesystem::current_path(ec);
    std::filesystem::current_path(dir, ec); // the script names its files relative to dir
    auto drawn = run_program({"gnuplot", plots.script});
    std::filesystem::current_path(here, ec);
    if (!drawn) {
        fail("gnuplot: " + drawn.error().message);
        return {};
    }
    return plots.images;
}

int report_command(const std::vector<std::string> &files, const std::string &dir)
{
    std::vector<ResultSet> runs;
    for (const std::string &path : files) {
        auto text = read_text_file(path);
        auto parsed = text ? parse_results(text.value()) : Result<ResultSet>(text.error());
        if (!parsed)
            return fail(path + ": " + parsed.error().message, exit_usage);
        runs.push_back(std::move(parsed).value());
    }
    if (auto made = make_dirs(dir); !made)
        return fail(made.error().message);
    const std::vector<PlotImage> images = draw_plots(FigureIndex(runs), dir);
    const std::string report = dir + "/report.md";
    if (auto written = write_text_file(report, render_report(runs, images)); !written)
        return fail(written.error().message);
    std::printf("%s\n", report.c_str());
    return exit_ok;
}

int run_main(int argc, char **argv)
{
    CLI::App app{"strata-bench: strata against overlay, fuse-overlayfs and the bare filesystem"};
    app.require_subcommand(1);

    RunArgs run;
    CLI::App *run_cmd = app.add_subcommand("run", "run the workloads in this system (root; a test guest)");
    run_cmd->add_option("--suite", run.options.suite, "icount (CPU paths, 1 CPU) or wall (I/O, 2 CPUs)")
        ->check(CLI::IsMember({"icount", "wall"}));
    run_cmd->add_flag("--quick", run.options.quick, "a small subset: fewer layers, sizes, repetitions");
    run_cmd->add_option("--contenders", run.contenders, "strata,overlay,fuse-overlayfs,bare")->delimiter(',');
    run_cmd->add_option("--layers", run.options.layers, "layer counts, e.g. 1,8,32,128")
        ->delimiter(',')
        ->check(CLI::Range(1, 500));
    run_cmd->add_option("--reps", run.options.reps, "repetitions per figure (0: the suite's)")
        ->check(CLI::Range(0, 1000));
    run_cmd->add_option("--workloads", run.options.workloads, "only these workloads, e.g. stat,readdir")
        ->delimiter(',');
    run_cmd->add_option("--scratch", run.options.scratch, "where the trees and mounts go");
    run_cmd->add_option("--ext4-dev", run.options.ext4_dev, "a block device for the ext4 rows");
    run_cmd->add_option("--seed", run.options.seed, "the tree generator's seed");
    run_cmd->add_option("--out", run.out, "the JSON results ('-': stdout)");

    std::vector<std::string> files;
    std::string out_dir = ".";
    CLI::App *report_cmd = app.add_subcommand("report", "write report.md and plots from results");
    report_cmd->add_option("results", files, "RESULTS.json files")->required()->check(CLI::ExistingFile);
    report_cmd->add_option("--out-dir", out_dir, "where report.md and the plots go");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e) == 0 ? exit_ok : exit_usage;
    }
    if (*run_cmd)
        return run_command(run);
    return report_command(files, out_dir);
}

} // namespace
} // namespace strata::bench

int main(int argc, char **argv)
{
    return strata::bench::run_main(argc, argv);
}
