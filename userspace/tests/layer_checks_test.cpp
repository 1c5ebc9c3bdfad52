// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "strata/layer_checks.h"

namespace strata {
namespace {

LayerPath layer(std::string role, std::string path)
{
    return {std::move(role), path, path};
}

TEST(PathWithin, WholeComponentsOnly)
{
    EXPECT_TRUE(path_within("/a/b", "/a/b"));
    EXPECT_TRUE(path_within("/a/b/c", "/a/b"));
    EXPECT_TRUE(path_within("/a/b/c", "/a/b/"));
    EXPECT_TRUE(path_within("/anything", "/"));
    EXPECT_FALSE(path_within("/a/bc", "/a/b"));
    EXPECT_FALSE(path_within("/a", "/a/b"));
    EXPECT_FALSE(path_within("/x/b", "/a/b"));
}

TEST(OverlapProblems, SeparateDirectoriesPass)
{
    const auto problems = overlap_problems({layer("lower layer 1", "/l/1"), layer("lower layer 2", "/l/2")},
                                           layer("upperdir", "/c/upper"), layer("workdir", "/c/work"));
    EXPECT_TRUE(problems.empty());
}

TEST(OverlapProblems, LowersMayOverlapEachOther)
{
    EXPECT_TRUE(overlap_problems({layer("lower layer 1", "/l"), layer("lower layer 2", "/l/inner")},
                                 std::nullopt, std::nullopt)
                    .empty());
}

TEST(OverlapProblems, UpperInsideLowerNamesBoth)
{
    const auto problems = overlap_problems({layer("lower layer 1", "/l")}, layer("upperdir", "/l/upper"),
                                           layer("workdir", "/w"));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("lower layer 1 '/l' overlaps upperdir '/l/upper'"), std::string::npos);
}

TEST(OverlapProblems, LowerInsideWorkAndNestedUpperWorkAreEachReported)
{
    const auto problems = overlap_problems({layer("lower layer 1", "/c/upper/work/l")},
                                           layer("upperdir", "/c/upper"), layer("workdir", "/c/upper/work"));
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_NE(problems[0].find("are nested"), std::string::npos);
}

} // namespace
} // namespace strata
