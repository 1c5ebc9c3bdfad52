// SPDX-License-Identifier: GPL-2.0-only
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/lowerdir.h"
#include "strata/mount_options.h"

namespace strata {
namespace {

using Layers = std::vector<std::string>;

TEST(SplitLowerdir, SplitsOnColonTopLayerFirst)
{
    auto layers = split_lowerdir("/l1:/l2:/l3");
    ASSERT_TRUE(layers.ok()) << layers.error().message;
    EXPECT_EQ(layers.value(), (Layers{"/l1", "/l2", "/l3"}));
}

TEST(SplitLowerdir, SingleLayer)
{
    auto layers = split_lowerdir("/only");
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(layers.value(), Layers{"/only"});
}

TEST(SplitLowerdir, DecodesColonCommaAndBackslashEscapes)
{
    auto layers = split_lowerdir(R"(/a\:b:/c\,d:/e\\f)");
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(layers.value(), (Layers{"/a:b", "/c,d", R"(/e\f)"}));
}

TEST(SplitLowerdir, EscapedBackslashBeforeColonStillSplits)
{
    auto layers = split_lowerdir(R"(/a\\:/b)");
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(layers.value(), (Layers{R"(/a\)", "/b"}));
}

// overlayfs's unescape keeps any escaped character; so do we.
TEST(SplitLowerdir, BackslashBeforeOrdinaryCharacterKeepsIt)
{
    auto layers = split_lowerdir(R"(/a\b)");
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(layers.value(), Layers{"/ab"});
}

struct EmptyLayerCase {
    const char *value;
    const char *expected_message_part;
};

void PrintTo(const EmptyLayerCase &c, std::ostream *os)
{
    *os << "'" << c.value << "'";
}

class SplitLowerdirEmptyLayer : public ::testing::TestWithParam<EmptyLayerCase> {};

TEST_P(SplitLowerdirEmptyLayer, IsAUsageErrorNamingThePosition)
{
    auto layers = split_lowerdir(GetParam().value);
    ASSERT_FALSE(layers.ok());
    EXPECT_EQ(layers.error().failure, Failure::Usage);
    EXPECT_NE(layers.error().message.find(GetParam().expected_message_part), std::string::npos)
        << layers.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitLowerdirEmptyLayer,
    ::testing::Values(EmptyLayerCase{"/a::/b", "empty layer at position 2"},
                      EmptyLayerCase{":/a", "empty layer at position 1"},
                      EmptyLayerCase{"/a:", "empty layer at position 2"},
                      EmptyLayerCase{"/a:/b:/c::", "empty layer at position 4"},
                      EmptyLayerCase{"", "lowerdir is empty"}));

TEST(SplitLowerdir, RejectsDanglingBackslash)
{
    auto layers = split_lowerdir(R"(/a:/b\)");
    ASSERT_FALSE(layers.ok());
    EXPECT_NE(layers.error().message.find("lone backslash"), std::string::npos);
}

TEST(EscapeLayer, EscapesOnlySeparatorsAndBackslash)
{
    EXPECT_EQ(escape_layer(R"(/a:b,c\d)"), R"(/a\:b\,c\\d)");
    EXPECT_EQ(escape_layer("/plain/path with space"), "/plain/path with space");
}

const Layers tricky_layers{
    "/plain", "/with:colon", "/with,comma", R"(/back\slash)", R"(/trailing\)",
    ":", R"(\:)", "/ü/ünïcode", "/a=b"};

TEST(EscapeLayer, SplitOfJoinRoundTrips)
{
    const std::string joined = join_lowerdir(tricky_layers);
    auto layers = split_lowerdir(joined);
    ASSERT_TRUE(layers.ok()) << layers.error().message;
    EXPECT_EQ(layers.value(), tricky_layers);
}

// The escaped form must also survive the comma split of "-o".
TEST(EscapeLayer, RoundTripsThroughTheMountOptionString)
{
    auto options = split_options("ro,lowerdir=" + join_lowerdir(tricky_layers) + ",index=off");
    ASSERT_TRUE(options.ok()) << options.error().message;
    ASSERT_EQ(options.value().size(), 3u);
    ASSERT_EQ(options.value()[1].key, "lowerdir");
    auto layers = split_lowerdir(*options.value()[1].value);
    ASSERT_TRUE(layers.ok()) << layers.error().message;
    EXPECT_EQ(layers.value(), tricky_layers);
}

TEST(UnescapePath, RemovesEscapesLikeTheKernel)
{
    EXPECT_EQ(unescape_path(R"(/u\,x)"), "/u,x");
    EXPECT_EQ(unescape_path(R"(/u\\x)"), R"(/u\x)");
    EXPECT_EQ(unescape_path(R"(/u\:x)"), "/u:x");
    EXPECT_EQ(unescape_path(R"(/u\)"), "/u");
    EXPECT_EQ(unescape_path("/plain"), "/plain");
}

} // namespace
} // namespace strata
