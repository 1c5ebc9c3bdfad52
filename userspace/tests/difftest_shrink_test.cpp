// SPDX-License-Identifier: GPL-2.0-only
#include <algorithm>
#include <cstddef>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "ddmin.h"
#include "generator.h"
#include "shrinker.h"

namespace strata::difftest {
namespace {

[[nodiscard]] std::vector<int> iota(int n)
{
    std::vector<int> items(static_cast<std::size_t>(n));
    for (int i = 0; i < n; i++)
        items[static_cast<std::size_t>(i)] = i;
    return items;
}

[[nodiscard]] bool contains_all(const std::vector<int> &items, const std::set<int> &needed)
{
    return std::ranges::all_of(needed, [&](int n) { return std::ranges::count(items, n) > 0; });
}

TEST(DifftestDdmin, FindsTheKnownMinimalSubset)
{
    const std::set<int> needed = {13, 42, 77};
    std::size_t calls = 0;
    const auto result = ddmin(iota(100), [&](const std::vector<int> &candidate) {
        calls++;
        return contains_all(candidate, needed);
    });
    EXPECT_EQ(result, (std::vector<int>{13, 42, 77}));
    EXPECT_LT(calls, 200U); // far below trying subsets one by one
}

TEST(DifftestDdmin, KeepsTheOrderOfWhatIsLeft)
{
    const std::vector<int> items = {9, 3, 7, 1, 8};
    const auto result =
        ddmin(items, [](const std::vector<int> &c) { return contains_all(c, {1, 9}); });
    EXPECT_EQ(result, (std::vector<int>{9, 1}));
}

TEST(DifftestDdmin, ResultIsOneMinimalForAnInteractingPredicate)
{
    // Fails when the sum of what is left reaches 100: many minimal answers.
    const auto fails = [](const std::vector<int> &c) {
        int sum = 0;
        for (const int n : c)
            sum += n;
        return sum >= 100;
    };
    const auto result = ddmin(iota(30), fails);
    ASSERT_TRUE(fails(result));
    for (std::size_t i = 0; i < result.size(); i++) {
        auto without = result;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        EXPECT_FALSE(fails(without)) << "item " << result[i] << " could go";
    }
}

TEST(DifftestDdmin, ReturnsEmptyWhenNothingIsNeeded)
{
    EXPECT_TRUE(ddmin(iota(10), [](const std::vector<int> &) { return true; }).empty());
}

TEST(DifftestDdmin, RespectsTheMinimumSize)
{
    const auto result = ddmin(iota(10), [](const std::vector<int> &) { return true; }, 1);
    EXPECT_EQ(result.size(), 1U);
}

TEST(DifftestDdmin, NeverCallsThePredicateWithTheWholeInput)
{
    const auto input = iota(8);
    (void)ddmin(input, [&](const std::vector<int> &c) {
        EXPECT_NE(c, input);
        return contains_all(c, {5});
    });
}

// A synthetic mismatch: it shows when some layer has the entry "a/b" and an
// op chmods it; everything else in the case is noise the shrinker must drop.
[[nodiscard]] bool synthetic_mismatch(const TestCase &c)
{
    const bool has_entry = std::ranges::any_of(c.layers, [](const Layer &layer) {
        return std::ranges::any_of(layer, [](const Entry &e) { return e.path == "a/b"; });
    });
    const bool has_op = std::ranges::any_of(
        c.ops, [](const Op &op) { return op.kind == OpKind::chmod && op.path == "a/b"; });
    return has_entry && has_op;
}

TEST(DifftestShrinker, ShrinksAGeneratedCaseToTheNeededOpAndEntry)
{
    TestCase c = generate_case(99, GeneratorOptions{60, 8, true});
    Entry entry;
    entry.kind = EntryKind::file;
    entry.path = "a/b";
    entry.mode = 0600;
    entry.uid = 1000;
    entry.size = 5000;
    entry.xattrs = {{"user.a", "v"}};
    c.layers.back().push_back(entry);
    Op chmod;
    chmod.kind = OpKind::chmod;
    chmod.path = "a/b";
    chmod.mode = 0700;
    c.ops.insert(c.ops.begin() + 30, chmod);
    ASSERT_TRUE(synthetic_mismatch(c));

    const ShrinkResult shrunk = shrink_case(c, synthetic_mismatch);
    ASSERT_EQ(shrunk.test_case.ops.size(), 1U);
    EXPECT_EQ(shrunk.test_case.ops[0], chmod);
    ASSERT_EQ(shrunk.test_case.layers.size(), 1U);
    ASSERT_EQ(shrunk.test_case.layers[0].size(), 1U);
    const Entry &left = shrunk.test_case.layers[0][0];
    EXPECT_EQ(left.path, "a/b");
    // The entry's values were made plainer too.
    EXPECT_EQ(left.size, 0U);
    EXPECT_EQ(left.uid, 0U);
    EXPECT_EQ(left.mode, 0644U);
    EXPECT_TRUE(left.xattrs.empty());
    EXPECT_GT(shrunk.replays, 0U);
}

TEST(DifftestShrinker, KeepsAtLeastOneLayer)
{
    TestCase c = generate_case(5, GeneratorOptions{10, 4, true});
    const ShrinkResult shrunk = shrink_case(c, [](const TestCase &) { return true; });
    EXPECT_TRUE(shrunk.test_case.ops.empty());
    ASSERT_EQ(shrunk.test_case.layers.size(), 1U);
    EXPECT_TRUE(shrunk.test_case.layers[0].empty());
}

} // namespace
} // namespace strata::difftest
