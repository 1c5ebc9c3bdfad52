// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "bench_synthetic.h"
#include "figure_index.h"
#include "plot_script.h"
#include "report.h"

namespace strata::bench {
namespace {

using test::figure;
using test::with_param;
using test::with_variant;

[[nodiscard]] std::vector<ResultSet> tiny_runs()
{
    return {test::run_of({
        figure("readdir", "strata", 1, 150), figure("readdir", "bare", 1, 100),
        figure("readdir", "overlay", 1, 200), figure("readdir", "strata", 128, 300),
        figure("readdir", "bare", 128, 100), figure("readdir", "overlay", 128, 900),
        with_param(figure("copy-up", "strata", 128, 2000, "-"), "size", 4096),
        with_param(figure("copy-up", "strata", 128, 9000, "-"), "size", 1 << 20),
        with_param(figure("copy-up", "overlay", 128, 10000, "-"), "size", 1 << 20),
    })};
}

[[nodiscard]] bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

TEST(BenchReport, RendersContextGoalsRatiosAndFigures)
{
    const auto runs = tiny_runs();
    const std::string md = render_report(runs, {{"layers-readdir.png", "readdir warm"}});
    EXPECT_TRUE(has(md, "# Strata benchmark report")) << md;
    EXPECT_TRUE(has(md, "kernel 6.1.0-test")) << md;
    EXPECT_TRUE(has(md, "Not measured: fuse-overlayfs (no fuse-overlayfs binary)")) << md;
    EXPECT_TRUE(has(md, "## Goals")) << md;
    EXPECT_TRUE(has(md, "### icount: strata / overlay")) << md;
    // readdir at 1 and 128 layers over overlay and over bare.
    EXPECT_TRUE(has(md, "| readdir |  | warm | tmpfs | 0.75 | 0.33 |")) << md;
    EXPECT_TRUE(has(md, "| readdir |  | warm | tmpfs | 1.50 | 3.00 |")) << md;
    EXPECT_TRUE(has(md, "No row has figures of both strata and fuse-overlayfs.")) << md;
    EXPECT_TRUE(has(md, "![readdir warm](layers-readdir.png)")) << md;
    EXPECT_TRUE(has(md, "## All figures")) << md;
    EXPECT_TRUE(has(md, "| 150 ns (150 ns) ")) << md;
    EXPECT_TRUE(has(md, "## Slopes")) << md;
}

TEST(BenchReport, PlotsHaveDataForEveryContenderAndAScript)
{
    const auto runs = tiny_runs();
    const PlotSet plots = make_plots(FigureIndex(runs));
    ASSERT_FALSE(plots.images.empty());
    const PlotFile *script = nullptr, *readdir = nullptr, *sizes = nullptr;
    for (const PlotFile &f : plots.files) {
        if (f.name == plots.script)
            script = &f;
        if (f.name.starts_with("layers-readdir"))
            readdir = &f;
        if (f.name.starts_with("size-copy-up"))
            sizes = &f;
    }
    ASSERT_TRUE(script && readdir && sizes);
    EXPECT_EQ(readdir->content, "# x strata overlay bare\n1 150 200 100\n128 300 900 100\n");
    // overlay has no 4 KiB figure: a gap, not a zero.
    EXPECT_EQ(sizes->content, "# x strata overlay\n4 2000 NaN\n1024 9000 10000\n");
    EXPECT_TRUE(has(script->content, "set terminal pngcairo")) << script->content;
    EXPECT_TRUE(has(script->content, "set output '" + plots.images[0].file + "'"))
        << script->content;
}

} // namespace
} // namespace strata::bench
