// SPDX-License-Identifier: GPL-2.0-only
#include <climits>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "strata/entry_path.h"

namespace strata {
namespace {

using Parts = PathComponents;

TEST(SplitEntryPath, DropsDotsAndEmptyComponents)
{
    auto path = split_entry_path("./usr//bin/./ls");
    ASSERT_TRUE(path.ok()) << path.error().message;
    EXPECT_EQ(path.value(), (Parts{"usr", "bin", "ls"}));
}

TEST(SplitEntryPath, TrailingSlashOfADirectory)
{
    auto path = split_entry_path("etc/");
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(path.value(), Parts{"etc"});
}

TEST(SplitEntryPath, DotAloneIsTheRoot)
{
    for (const char *root : {".", "./", ".//."}) {
        auto path = split_entry_path(root);
        ASSERT_TRUE(path.ok()) << root;
        EXPECT_TRUE(path.value().empty()) << root;
    }
}

TEST(SplitEntryPath, DotsInsideNamesAreOrdinary)
{
    auto path = split_entry_path("a/..b/c../...");
    ASSERT_TRUE(path.ok());
    EXPECT_EQ(path.value(), (Parts{"a", "..b", "c..", "..."}));
}

struct Refused {
    std::string name;
    std::string message_part;
};

void PrintTo(const Refused &r, std::ostream *os)
{
    if (r.name.size() <= 20)
        *os << "'" << r.name << "'";
    else
        *os << r.name.size() << "-byte name";
}

class SplitEntryPathRefuses : public ::testing::TestWithParam<Refused> {};

TEST_P(SplitEntryPathRefuses, WithAReason)
{
    auto path = split_entry_path(GetParam().name);
    ASSERT_FALSE(path.ok());
    EXPECT_NE(path.error().message.find(GetParam().message_part), std::string::npos) << path.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitEntryPathRefuses,
    ::testing::Values(Refused{"", "empty name"}, Refused{"/etc/passwd", "absolute path"},
                      Refused{"//etc", "absolute path"}, Refused{"../x", "'..' component"},
                      Refused{"a/../../x", "'..' component"}, Refused{"a/..", "'..' component"},
                      Refused{"a/../b", "'..' component"},
                      Refused{std::string(NAME_MAX + 1, 'n'), "longer than NAME_MAX (255)"},
                      Refused{"d/" + std::string(300, 'n') + "/f", "a component of 300 bytes"}));

TEST(SplitEntryPath, NameMaxItselfIsAllowed)
{
    EXPECT_TRUE(split_entry_path(std::string(NAME_MAX, 'n')).ok());
}

// Built of 200-byte components, each allowed on its own.
std::string long_path(std::size_t bytes)
{
    std::string path;
    while (path.size() < bytes)
        path += (path.empty() ? "" : "/") + std::string(200, 'd');
    return path.substr(0, bytes);
}

TEST(SplitEntryPath, PathMaxCountsTheTerminatingNul)
{
    EXPECT_TRUE(split_entry_path(long_path(PATH_MAX - 1)).ok());
    auto too_long = split_entry_path(long_path(PATH_MAX));
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.error().message.find("longer than PATH_MAX (4096)"), std::string::npos);
}

TEST(SplitEntryPath, PathMaxIsJudgedAfterNormalising)
{
    // "./" prefixes and doubled slashes do not reach the filesystem.
    EXPECT_TRUE(split_entry_path("./" + long_path(PATH_MAX - 1)).ok());
}

TEST(JoinPath, JoinsAPrefix)
{
    const Parts parts{"a", "b", "c"};
    EXPECT_EQ(join_path(parts), "a/b/c");
    EXPECT_EQ(join_path(parts, 2), "a/b");
    EXPECT_EQ(join_path(parts, 0), "");
    EXPECT_EQ(join_path({}), "");
}

TEST(ChildPath, OfTheRootHasNoSlash)
{
    EXPECT_EQ(child_path("", "x"), "x");
    EXPECT_EQ(child_path("a/b", "x"), "a/b/x");
}

TEST(DisplayName, EscapesControlCharacters)
{
    EXPECT_EQ(display_name("a\nb\x7f"), "a\\x0ab\\x7f");
    EXPECT_EQ(display_name("plain/name"), "plain/name");
}

TEST(DisplayName, CutsVeryLongNamesAndSaysTheLength)
{
    const std::string name = std::string(100, 'a') + std::string(100, 'b');
    const std::string shown = display_name(name);
    EXPECT_LT(shown.size(), 140u);
    EXPECT_TRUE(shown.starts_with(std::string(60, 'a') + "...")) << shown;
    EXPECT_NE(shown.find("(200 bytes)"), std::string::npos) << shown;
}

TEST(QuotedName, QuotesAndShowsTheRootAsDot)
{
    EXPECT_EQ(quoted_name("etc/passwd"), "'etc/passwd'");
    EXPECT_EQ(quoted_name(""), "'.'");
    EXPECT_EQ(quoted_name("a\tb"), "'a\\x09b'");
}

} // namespace
} // namespace strata
