// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "bench_synthetic.h"
#include "result_json.h"

namespace strata::bench {
namespace {

TEST(BenchJson, RoundTripKeepsEveryField)
{
    Figure f = test::with_param(test::figure("copy-up", "strata", 32, 1234.5, "-", "ext4-upper"), "size",
                          1 << 20);
    f.variant = "first-write";
    f.samples = {1200, 1234.5, 1300};
    f.p90 = 1287;
    f.note = "a note";
    ResultSet r = test::run_of({f, test::figure("stat", "bare", 1, 9)});
    r.quick = true;
    r.notes = {"fuse-overlayfs caches in its daemon"};
    r.seconds = 12.5;
    const auto parsed = parse_results(to_json_text(r));
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed.value(), r);
}

TEST(BenchJson, FiguresCarryTheirContext)
{
    const std::string text = to_json_text(test::run_of({test::figure("stat", "strata", 8, 100)}));
    for (const char *field : {"\"kernel\"", "\"contender\"", "\"layers\"", "\"backing\"",
                              "\"cache\"", "\"clock\"", "\"batch\"", "\"repetitions\"",
                              "\"median\"", "\"p90\""})
        EXPECT_NE(text.find(field), std::string::npos) << field;
}

TEST(BenchJson, RejectsWhatIsNotAResult)
{
    EXPECT_FALSE(parse_results("not json"));
    EXPECT_FALSE(parse_results("{\"tool\": \"other\"}"));
    const auto missing = parse_results("{\"tool\": \"strata-bench\"}");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("malformed"), std::string::npos);
}

} // namespace
} // namespace strata::bench
