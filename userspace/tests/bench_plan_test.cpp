// SPDX-License-Identifier: GPL-2.0-only
#include <algorithm>

#include <gtest/gtest.h>

#include "bench_paths.h"
#include "tree_plan.h"

namespace strata::bench {
namespace {

[[nodiscard]] PlanOptions options(unsigned layers)
{
    PlanOptions o;
    o.layers = layers;
    o.image_files = 300;
    o.blob_size = 1 << 20;
    o.copy_up = {{0, 2}, {4096, 2}};
    return o;
}

[[nodiscard]] bool has_path(const std::vector<PlanEntry> &entries, const std::string &path,
                            EntryKind kind)
{
    return std::ranges::any_of(entries,
                               [&](const PlanEntry &e) { return e.path == path && e.kind == kind; });
}

TEST(BenchPlan, SameOptionsSamePlan)
{
    const TreePlan a = make_plan(options(8));
    const TreePlan b = make_plan(options(8));
    EXPECT_EQ(a.lowers, b.lowers);
    EXPECT_EQ(a.upper, b.upper);
}

TEST(BenchPlan, EveryLayerCountShowsTheSameMergedView)
{
    const std::vector<PlanEntry> one = flatten(make_plan(options(1)));
    for (unsigned layers : {8U, 32U, 128U}) {
        const TreePlan plan = make_plan(options(layers));
        EXPECT_EQ(plan.lowers.size(), layers);
        EXPECT_EQ(flatten(plan), one) << layers << " layers";
    }
}

TEST(BenchPlan, TargetsSitInTheBottomLayerUnderDirectoriesMergedEverywhere)
{
    const TreePlan plan = make_plan(options(8));
    EXPECT_TRUE(has_path(plan.lowers.back(), paths::hot_file(0), EntryKind::file));
    EXPECT_TRUE(has_path(plan.lowers.back(), paths::deep_file(3), EntryKind::file));
    EXPECT_TRUE(has_path(plan.lowers.back(), paths::copy_up_file(4096, 3, 1), EntryKind::file));
    for (const auto &layer : plan.lowers) {
        EXPECT_TRUE(has_path(layer, "probe/hot", EntryKind::dir));
        EXPECT_TRUE(has_path(layer, paths::deep_dir(), EntryKind::dir));
        EXPECT_TRUE(has_path(layer, paths::readdir_dir(64), EntryKind::dir));
        EXPECT_FALSE(has_path(layer, paths::hot_file(0), EntryKind::file) &&
                     &layer != &plan.lowers.back());
    }
}

TEST(BenchPlan, WhiteoutsHideEntriesFromTheMergedView)
{
    const TreePlan plan = make_plan(options(8));
    const std::string hidden = paths::dir_entry(paths::readdir_dir(64), 9);
    EXPECT_TRUE(has_path(plan.upper, hidden, EntryKind::whiteout));
    const std::vector<PlanEntry> merged = flatten(plan);
    EXPECT_FALSE(has_path(merged, hidden, EntryKind::file));
    EXPECT_TRUE(has_path(merged, paths::dir_entry(paths::readdir_dir(64), 8), EntryKind::file));
    const auto listed = std::ranges::count_if(merged, [](const PlanEntry &e) {
        return e.path.starts_with(paths::readdir_dir(64) + "/");
    });
    EXPECT_EQ(listed, 64 - 6);
}

TEST(BenchPlan, TheImageLooksLikeADebianTree)
{
    const TreePlan plan = make_plan(options(8));
    const std::vector<PlanEntry> merged = flatten(plan);
    EXPECT_GE(plan.image_entries, 300U);
    for (const char *dir : {"usr/bin", "usr/lib/x86_64-linux-gnu", "usr/share/doc",
                            "var/lib/dpkg/info"})
        EXPECT_TRUE(has_path(merged, dir, EntryKind::dir)) << dir;
    EXPECT_TRUE(std::ranges::any_of(merged, [](const PlanEntry &e) {
        return e.kind == EntryKind::symlink;
    }));
    // Packages land in many layers, so usr/bin is merged over several.
    std::size_t layers_with_bin = 0;
    for (const auto &layer : plan.lowers)
        layers_with_bin += std::ranges::any_of(
            layer, [](const PlanEntry &e) { return e.path.starts_with("usr/bin/"); });
    EXPECT_GE(layers_with_bin, 4U);
}

TEST(BenchPlan, GroupsSeparateMutatingTargets)
{
    const std::vector<PlanEntry> merged = flatten(make_plan(options(1)));
    const auto read_only = only_groups(merged, {Group::image, Group::read_probe});
    EXPECT_TRUE(has_path(read_only, paths::blob(), EntryKind::file));
    EXPECT_FALSE(has_path(read_only, paths::copy_up_file(0, 0, 0), EntryKind::file));
    EXPECT_TRUE(has_path(merged, paths::copy_up_file(0, 0, 0), EntryKind::file));
}

} // namespace
} // namespace strata::bench
