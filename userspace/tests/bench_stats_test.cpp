// SPDX-License-Identifier: GPL-2.0-only
#include <vector>

#include <gtest/gtest.h>

#include "stats.h"

namespace strata::bench {
namespace {

TEST(BenchStats, MedianOfOddAndEvenCounts)
{
    const std::vector<double> odd{5, 1, 3};
    const std::vector<double> even{4, 1, 3, 2};
    EXPECT_DOUBLE_EQ(*median(odd), 3);
    EXPECT_DOUBLE_EQ(*median(even), 2.5);
}

TEST(BenchStats, NoValuesNoQuantile)
{
    EXPECT_FALSE(median({}).has_value());
    EXPECT_FALSE(p90({}).has_value());
}

TEST(BenchStats, P90InterpolatesBetweenRanks)
{
    std::vector<double> values;
    for (int i = 10; i >= 0; i--)
        values.push_back(i * 10.0); // 0..100, unsorted
    EXPECT_DOUBLE_EQ(*p90(values), 90);
    const std::vector<double> two{0, 10};
    EXPECT_DOUBLE_EQ(*p90(two), 9);
    const std::vector<double> one{7};
    EXPECT_DOUBLE_EQ(*p90(one), 7);
}

TEST(BenchStats, QuantileClampsItsArgument)
{
    const std::vector<double> values{1, 2, 3};
    EXPECT_DOUBLE_EQ(*quantile(values, -1), 1);
    EXPECT_DOUBLE_EQ(*quantile(values, 2), 3);
}

TEST(BenchStats, FitLineRecoversAnExactLine)
{
    const std::vector<double> xs{1, 8, 32, 128};
    std::vector<double> ys;
    for (double x : xs)
        ys.push_back(2200 * x + 9000);
    const auto fit = fit_line(xs, ys);
    ASSERT_TRUE(fit);
    EXPECT_NEAR(fit->slope, 2200, 1e-6);
    EXPECT_NEAR(fit->intercept, 9000, 1e-6);
}

TEST(BenchStats, FitLineOfNoisyPointsIsTheLeastSquaresOne)
{
    // Points (0,1) (1,3) (2,2): slope 0.5, intercept 1.5.
    const std::vector<double> xs{0, 1, 2};
    const std::vector<double> ys{1, 3, 2};
    const auto fit = fit_line(xs, ys);
    ASSERT_TRUE(fit);
    EXPECT_DOUBLE_EQ(fit->slope, 0.5);
    EXPECT_DOUBLE_EQ(fit->intercept, 1.5);
}

TEST(BenchStats, FitLineNeedsTwoDistinctXs)
{
    const std::vector<double> one{1};
    const std::vector<double> same{4, 4};
    const std::vector<double> ys{1, 2};
    EXPECT_FALSE(fit_line(one, one));
    EXPECT_FALSE(fit_line(same, ys));
    EXPECT_FALSE(fit_line(ys, one)); // lengths differ
}

} // namespace
} // namespace strata::bench
