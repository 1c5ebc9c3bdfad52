// SPDX-License-Identifier: GPL-2.0-only
#include <cerrno>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>

#include "fnv1a.h"
#include "probe_text.h"

namespace strata::probe {
namespace {

TEST(ParseOpenFlags, SingleFlag)
{
    EXPECT_EQ(parse_open_flags("O_RDONLY"), O_RDONLY);
    EXPECT_EQ(parse_open_flags("O_DIRECT"), O_DIRECT);
}

TEST(ParseOpenFlags, OrsBarJoinedFlags)
{
    EXPECT_EQ(parse_open_flags("O_WRONLY|O_CREAT|O_TRUNC"), O_WRONLY | O_CREAT | O_TRUNC);
    EXPECT_EQ(parse_open_flags("O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_NOATIME"),
              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NOATIME);
    EXPECT_EQ(parse_open_flags("O_RDWR|O_APPEND|O_CREAT|O_EXCL"),
              O_RDWR | O_APPEND | O_CREAT | O_EXCL);
}

TEST(ParseOpenFlags, RefusesUnknownAndEmptyNames)
{
    for (const char *spec : {"", "O_BOGUS", "O_RDONLY|", "|O_RDONLY", "O_RDONLY||O_TRUNC",
                             "o_rdonly", "O_RDONLY O_TRUNC", "O_RDONLY|O_TRUNCX"})
        EXPECT_FALSE(parse_open_flags(spec).has_value()) << "'" << spec << "'";
}

TEST(ErrnoName, NamesTheErrorsTestsCompare)
{
    EXPECT_EQ(errno_name(EACCES), "EACCES");
    EXPECT_EQ(errno_name(EROFS), "EROFS");
    EXPECT_EQ(errno_name(ENOENT), "ENOENT");
    EXPECT_EQ(errno_name(EPERM), "EPERM");
    EXPECT_EQ(errno_name(ELOOP), "ELOOP");
    EXPECT_EQ(errno_name(EOPNOTSUPP), "EOPNOTSUPP");
    EXPECT_EQ(errno_name(EAGAIN), "EAGAIN");
}

TEST(ErrnoName, FallsBackToTheNumber)
{
    EXPECT_EQ(errno_name(0), "0");
    EXPECT_EQ(errno_name(4095), "4095");
}

TEST(DTypeName, NamesEveryType)
{
    EXPECT_EQ(d_type_name(DT_REG), "reg");
    EXPECT_EQ(d_type_name(DT_DIR), "dir");
    EXPECT_EQ(d_type_name(DT_LNK), "lnk");
    EXPECT_EQ(d_type_name(DT_CHR), "chr");
    EXPECT_EQ(d_type_name(DT_BLK), "blk");
    EXPECT_EQ(d_type_name(DT_FIFO), "fifo");
    EXPECT_EQ(d_type_name(DT_SOCK), "sock");
    EXPECT_EQ(d_type_name(DT_UNKNOWN), "unknown");
    EXPECT_EQ(d_type_name(DT_WHT), "unknown");
    EXPECT_EQ(d_type_name(200), "unknown");
}

TEST(ParseNumber, AcceptsWholeDecimalNumbers)
{
    EXPECT_EQ(parse_number("0"), 0u);
    EXPECT_EQ(parse_number("4096"), 4096u);
    EXPECT_EQ(parse_number("18446744073709551615"), UINT64_MAX);
}

TEST(ParseNumber, RefusesAnythingElse)
{
    for (const char *text : {"", "-1", "+1", " 1", "1 ", "1k", "0x10", "18446744073709551616"})
        EXPECT_FALSE(parse_number(text).has_value()) << "'" << text << "'";
}

TEST(EscapeName, KeepsOrdinaryNames)
{
    EXPECT_EQ(escape_name("file.txt"), "file.txt");
    EXPECT_EQ(escape_name("with space"), "with space");
    EXPECT_EQ(escape_name("\xc3\xa9t\xc3\xa9"), "\xc3\xa9t\xc3\xa9"); // UTF-8 stays as is
}

TEST(EscapeName, EscapesBackslashAndControlBytes)
{
    EXPECT_EQ(escape_name("a\\b"), "a\\\\b");
    EXPECT_EQ(escape_name("line\nbreak"), "line\\x0abreak");
    EXPECT_EQ(escape_name("tab\t"), "tab\\x09");
    EXPECT_EQ(escape_name("\x7f"), "\\x7f");
    EXPECT_EQ(escape_name("\x01x"), "\\x01x");
}

// Reference values of the 64-bit FNV-1a test suite.
TEST(Fnv1a, MatchesPublishedVectors)
{
    Fnv1a empty;
    EXPECT_EQ(empty.value(), 0xcbf29ce484222325ULL);
    EXPECT_EQ(empty.size(), 0u);

    Fnv1a a;
    a.update("a");
    EXPECT_EQ(a.value(), 0xaf63dc4c8601ec8cULL);

    Fnv1a foobar;
    foobar.update("foobar");
    EXPECT_EQ(foobar.value(), 0x85944171f73967e8ULL);
    EXPECT_EQ(foobar.size(), 6u);
}

TEST(Fnv1a, ChunkingDoesNotChangeTheHash)
{
    const std::string data = "the same bytes, fed in pieces";
    Fnv1a whole;
    whole.update(data);
    Fnv1a pieces;
    pieces.update(std::string_view(data).substr(0, 7));
    pieces.update(reinterpret_cast<const unsigned char *>(data.data()) + 7, data.size() - 7);
    EXPECT_EQ(pieces.value(), whole.value());
    EXPECT_EQ(pieces.size(), whole.size());
}

} // namespace
} // namespace strata::probe
