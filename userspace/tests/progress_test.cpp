// SPDX-License-Identifier: GPL-2.0-only
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/progress.h"

namespace strata {
namespace {

using namespace std::chrono_literals;

TEST(FormatBytes, BinaryUnits)
{
    EXPECT_EQ(format_bytes(0), "0 B");
    EXPECT_EQ(format_bytes(1023), "1023 B");
    EXPECT_EQ(format_bytes(1024), "1.0 KiB");
    EXPECT_EQ(format_bytes(1536), "1.5 KiB");
    EXPECT_EQ(format_bytes(5ull << 30), "5.0 GiB");
}

TEST(FormatProgress, WithAndWithoutTheInputSize)
{
    ProgressCounts counts{2048, 1, 0, std::nullopt};
    EXPECT_EQ(format_progress(counts), "2.0 KiB in 1 entry");
    counts = {3 << 20, 42, 250, 1000};
    EXPECT_EQ(format_progress(counts), "3.0 MiB in 42 entries (25% of the input)");
}

struct Printed {
    std::vector<std::string> lines;
    std::vector<bool> finals;
};

TEST(Progress, PrintsOncePerIntervalAndClosesOnlyWhatItOpened)
{
    Printed printed;
    Progress progress([&](const std::string &line, bool final) {
        printed.lines.push_back(line);
        printed.finals.push_back(final);
    }, 1s);
    const auto start = Progress::Clock::time_point{};
    progress.update({1, 1, 0, std::nullopt}, start);
    progress.update({2, 2, 0, std::nullopt}, start + 500ms);
    EXPECT_TRUE(printed.lines.empty());
    progress.update({3, 3, 0, std::nullopt}, start + 1s);
    progress.update({4, 4, 0, std::nullopt}, start + 1500ms);
    progress.update({5, 5, 0, std::nullopt}, start + 2s);
    ASSERT_EQ(printed.lines.size(), 2u);
    EXPECT_EQ(printed.lines[0], "3 B in 3 entries");
    EXPECT_EQ(printed.lines[1], "5 B in 5 entries");
    progress.finish({6, 6, 0, std::nullopt});
    ASSERT_EQ(printed.lines.size(), 3u);
    EXPECT_TRUE(printed.finals[2]);
}

TEST(Progress, ShortJobStaysSilent)
{
    int calls = 0;
    Progress progress([&](const std::string &, bool) { ++calls; }, 1s);
    progress.update({1, 1, 0, std::nullopt});
    progress.finish({1, 1, 0, std::nullopt});
    EXPECT_EQ(calls, 0);
}

} // namespace
} // namespace strata
