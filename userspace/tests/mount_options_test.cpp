// SPDX-License-Identifier: GPL-2.0-only
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/mount_options.h"

namespace strata {
namespace {

using Options = std::vector<MountOption>;

MountOption flag(const char *key)
{
    return {key, std::nullopt};
}

MountOption kv(const char *key, const char *value)
{
    return {key, value};
}

TEST(SplitOptions, SplitsFlagsAndKeyValuePairs)
{
    auto options = split_options("lowerdir=/a:/b,ro,upperdir=/u");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(),
              (Options{kv("lowerdir", "/a:/b"), flag("ro"), kv("upperdir", "/u")}));
}

TEST(SplitOptions, EscapedCommaStaysInTheValueWithItsEscape)
{
    auto options = split_options(R"(lowerdir=/a\,b:/c,ro)");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(), (Options{kv("lowerdir", R"(/a\,b:/c)"), flag("ro")}));
}

TEST(SplitOptions, EscapedBackslashDoesNotEscapeTheComma)
{
    auto options = split_options(R"(a=x\\,b)");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(), (Options{kv("a", R"(x\\)"), flag("b")}));
}

TEST(SplitOptions, ValueRunsFromTheFirstEquals)
{
    auto options = split_options("a=b=c");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(), Options{kv("a", "b=c")});
}

TEST(SplitOptions, EscapedEqualsBelongsToTheKey)
{
    auto options = split_options(R"(a\=b=c)");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(), Options{kv(R"(a\=b)", "c")});
}

TEST(SplitOptions, EmptyValueIsNotAFlag)
{
    auto options = split_options("a=");
    ASSERT_TRUE(options.ok());
    ASSERT_EQ(options.value().size(), 1u);
    ASSERT_TRUE(options.value()[0].value.has_value());
    EXPECT_EQ(*options.value()[0].value, "");
}

TEST(SplitOptions, SkipsEmptyOptions)
{
    auto options = split_options(",a,,b,");
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value(), (Options{flag("a"), flag("b")}));

    auto none = split_options("");
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none.value().empty());
}

TEST(SplitOptions, RejectsAnOptionWithoutName)
{
    auto options = split_options("ro,=x");
    ASSERT_FALSE(options.ok());
    EXPECT_EQ(options.error().failure, Failure::Usage);
    EXPECT_NE(options.error().message.find("'=x' has no name"), std::string::npos)
        << options.error().message;
}

TEST(SplitOptions, RejectsDanglingBackslash)
{
    auto options = split_options(R"(lowerdir=/a\)");
    ASSERT_FALSE(options.ok());
    EXPECT_NE(options.error().message.find("lone backslash"), std::string::npos);
}

} // namespace
} // namespace strata
