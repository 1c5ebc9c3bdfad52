// SPDX-License-Identifier: GPL-2.0-only
#include <algorithm>

#include <gtest/gtest.h>

#include "bench_synthetic.h"
#include "figure_index.h"
#include "goals.h"
#include "slopes.h"

namespace strata::bench {
namespace {

using test::figure;
using test::with_param;
using test::with_variant;

[[nodiscard]] const GoalVerdict &goal_about(const std::vector<GoalVerdict> &verdicts,
                                            const std::string &words)
{
    const auto it = std::ranges::find_if(
        verdicts, [&](const GoalVerdict &v) { return v.goal.find(words) != std::string::npos; });
    EXPECT_NE(it, verdicts.end()) << words;
    return *it;
}

[[nodiscard]] std::vector<GoalVerdict> judge(std::vector<Figure> figures)
{
    const std::vector<ResultSet> runs{test::run_of(std::move(figures))};
    return evaluate_goals(FigureIndex(runs));
}

TEST(BenchGoals, RatioAtTheBoundIsMet)
{
    const auto v = judge({figure("stat", "strata", 8, 105), figure("stat", "overlay", 8, 100)});
    const GoalVerdict &g = goal_about(v, "Data path");
    EXPECT_EQ(g.status, GoalStatus::met);
    EXPECT_NE(g.measured.find("1.050"), std::string::npos) << g.measured;
}

TEST(BenchGoals, TheWorstRowDecidesAndTheMissIsQuantified)
{
    const auto v = judge({figure("stat", "strata", 1, 100), figure("stat", "overlay", 1, 100),
                          figure("stat", "strata", 128, 126), figure("stat", "overlay", 128, 100)});
    const GoalVerdict &g = goal_about(v, "Data path");
    EXPECT_EQ(g.status, GoalStatus::missed);
    EXPECT_NE(g.measured.find("128 layers"), std::string::npos) << g.measured;
    EXPECT_NE(g.detail.find("Missed by 20.0%"), std::string::npos) << g.detail;
    EXPECT_NE(g.detail.find("1 of 2 rows"), std::string::npos) << g.detail;
    // Two layer counts: the evidence splits fixed and per-layer cost.
    EXPECT_NE(g.detail.find("Per extra layer"), std::string::npos) << g.detail;
}

TEST(BenchGoals, ColdLookupAndItsStretch)
{
    auto cold = [](const char *who, double ns) {
        return with_variant(figure("stat", who, 128, ns, "cold", "ext4"), "shallow");
    };
    auto v = judge({cold("strata", 100), cold("overlay", 303)});
    EXPECT_EQ(goal_about(v, "Cold lookup at 128 layers no worse").status, GoalStatus::met);
    EXPECT_EQ(goal_about(v, "Stretch").status, GoalStatus::missed);
    v = judge({cold("strata", 70), cold("overlay", 303)});
    EXPECT_EQ(goal_about(v, "Stretch").status, GoalStatus::met);
}

TEST(BenchGoals, CopyUpSplitsAtOneMebibyte)
{
    auto cu = [](const char *who, std::uint64_t size, double ns) {
        return with_param(figure("copy-up", who, 1, ns, "-"), "size", size);
    };
    const auto v = judge({cu("strata", 4096, 90), cu("overlay", 4096, 100), cu("bare", 4096, 10),
                          cu("strata", 1 << 20, 112), cu("bare", 1 << 20, 100),
                          cu("overlay", 1 << 20, 1)});
    EXPECT_EQ(goal_about(v, "1 MiB and more").status, GoalStatus::missed);
    EXPECT_EQ(goal_about(v, "small files").status, GoalStatus::met);
}

TEST(BenchGoals, FuseGoals)
{
    const auto v = judge({figure("open-close", "strata", 1, 100),
                          figure("open-close", "fuse-overlayfs", 1, 400),
                          figure("pread", "strata", 1, 50),
                          figure("pread", "fuse-overlayfs", 1, 60)});
    EXPECT_EQ(goal_about(v, "5x faster").status, GoalStatus::missed);
    EXPECT_EQ(goal_about(v, "Never slower").status, GoalStatus::met);
}

TEST(BenchGoals, WithoutFiguresThereIsNoVerdict)
{
    const auto v = judge({figure("stat", "strata", 1, 100)});
    for (const GoalVerdict &g : v)
        EXPECT_EQ(g.status, GoalStatus::no_data) << g.goal;
}

TEST(BenchGoals, ThreadScalingAgainstBare)
{
    auto par = [](const char *who, std::uint64_t threads, double ns) {
        Figure f = with_param(figure("parallel", who, 8, ns), "threads", threads);
        f.clock = "wall";
        return f;
    };
    auto v = judge({par("strata", 1, 100), par("strata", 2, 200), par("bare", 1, 100),
                    par("bare", 2, 105)});
    EXPECT_EQ(goal_about(v, "reference count").status, GoalStatus::missed);
    v = judge({par("strata", 1, 100), par("strata", 2, 110), par("bare", 1, 100),
               par("bare", 2, 105)});
    EXPECT_EQ(goal_about(v, "reference count").status, GoalStatus::met);
}

TEST(BenchSlopes, PerLayerAndPerEntry)
{
    std::vector<Figure> figures;
    for (unsigned layers : {1U, 8U, 32U, 128U})
        figures.push_back(figure("stat", "overlay", layers, 9000 + 2200.0 * layers));
    for (std::uint64_t entries : {64U, 1024U})
        figures.push_back(with_param(figure("readdir", "strata", 32, 500 + 30.0 * entries),
                                     "entries", entries));
    const std::vector<ResultSet> runs{test::run_of(figures)};
    const FigureIndex index(runs);
    const auto per_layer = layer_slopes(index);
    ASSERT_EQ(per_layer.size(), 1U);
    EXPECT_NEAR(per_layer[0].fit.slope, 2200, 1e-6);
    EXPECT_EQ(per_layer[0].per, "layer");
    const auto per_entry = param_slopes(index);
    ASSERT_EQ(per_entry.size(), 1U);
    EXPECT_NEAR(per_entry[0].fit.slope, 30, 1e-6);
    EXPECT_EQ(per_entry[0].per, "entry");
}

} // namespace
} // namespace strata::bench
