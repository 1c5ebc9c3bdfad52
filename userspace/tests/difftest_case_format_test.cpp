// SPDX-License-Identifier: GPL-2.0-only
#include <string>
#include <string_view>
#include <ostream>

#include <gtest/gtest.h>

#include "case_format.h"
#include "generator.h"

namespace strata::difftest {
namespace {

constexpr const char *example = R"(strata-difftest-case 1
seed 0x2a
# a comment, and a blank line next

layer
dir a mode=0755 owner=0:0 opaque=1 xattr=user.a=v1
file a/b mode=0644 owner=1000:1000 size=5000 fill=77 sparse=1
symlink l owner=0:0 target=a/b
hardlink a/h target=a/b
fifo p mode=0600 owner=0:0
whiteout c
layer
file c size=3
ops
create x 0644
write a/b 100 20 7 trunc
truncate a/b 300
mkdir d 0755
rmdir d
unlink a/h
rename a/b c noreplace
link l m
symlink /nonexistent-strata-difftest/q s
setxattr a user.b v2 nofollow
removexattr a user.a follow
chmod a 4755
chown l 1000:1001 nofollow
utimes a 1000000000.000000001 1500000000.123456789 follow
mknod f 0600
readlink l
hold 2 a/b
read-held 2
release 2
end
)";

TEST(DifftestCaseFormat, ParsesTheDocumentedExample)
{
    auto parsed = parse_case(example);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const TestCase &c = parsed.value();
    EXPECT_EQ(c.seed, 0x2aU);
    ASSERT_EQ(c.layers.size(), 2U);
    ASSERT_EQ(c.layers[0].size(), 6U);
    const Entry &dir = c.layers[0][0];
    EXPECT_EQ(dir.kind, EntryKind::dir);
    EXPECT_TRUE(dir.opaque);
    EXPECT_EQ(dir.xattrs, (XattrList{{"user.a", "v1"}}));
    const Entry &file = c.layers[0][1];
    EXPECT_EQ(file.uid, 1000U);
    EXPECT_EQ(file.size, 5000U);
    EXPECT_EQ(file.fill, 77U);
    EXPECT_TRUE(file.sparse);
    EXPECT_EQ(c.layers[0][5].kind, EntryKind::whiteout);
    // Keys left out take their defaults.
    EXPECT_EQ(c.layers[1][0].mode, 0644U);
    EXPECT_EQ(c.layers[1][0].uid, 0U);
    ASSERT_EQ(c.ops.size(), 19U);
    EXPECT_EQ(c.ops[1].kind, OpKind::write);
    EXPECT_EQ(c.ops[1].offset, 100U);
    EXPECT_EQ(c.ops[1].length, 20U);
    EXPECT_EQ(c.ops[1].open_how, OpenHow::trunc);
    EXPECT_EQ(c.ops[6].rename_how, RenameHow::noreplace);
    EXPECT_EQ(c.ops[11].mode, 04755U);
    EXPECT_TRUE(c.ops[12].nofollow);
    EXPECT_EQ(c.ops[13].atime_ns, 1000000000000000001LL);
    EXPECT_EQ(c.ops[13].mtime_ns, 1500000000123456789LL);
    EXPECT_EQ(c.ops[16].slot, 2U);
}

TEST(DifftestCaseFormat, WriteThenParseGivesTheSameCase)
{
    auto parsed = parse_case(example);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    auto again = parse_case(format_case(parsed.value()));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value(), parsed.value());
}

TEST(DifftestCaseFormat, GeneratedCasesRoundTrip)
{
    for (std::uint64_t seed = 1; seed <= 200; seed++) {
        const TestCase generated = generate_case(seed, GeneratorOptions{});
        const std::string text = format_case(generated);
        auto parsed = parse_case(text);
        ASSERT_TRUE(parsed.ok()) << "seed " << seed << ": " << parsed.error().message << "\n"
                                 << text;
        EXPECT_EQ(parsed.value(), generated) << "seed " << seed;
        EXPECT_EQ(format_case(parsed.value()), text);
    }
}

struct Malformed {
    const char *text;
    const char *message_part;
};

// Names the case by the expected message, then the input's last line
// before any 'end': readable in the suite's output, the same on every build.
void PrintTo(const Malformed &m, std::ostream *os)
{
    std::string_view text = m.text;
    if (!text.empty() && text.back() == '\n')
        text.remove_suffix(1);
    if (text.ends_with("\nend"))
        text.remove_suffix(4);
    const auto cut = text.rfind('\n');
    *os << m.message_part << " <- '" << text.substr(cut == text.npos ? 0 : cut + 1) << "'";
}

class DifftestCaseFormatRejects : public testing::TestWithParam<Malformed> {};

TEST_P(DifftestCaseFormatRejects, WithAMessage)
{
    const auto parsed = parse_case(GetParam().text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find(GetParam().message_part), std::string::npos)
        << "message: " << parsed.error().message;
}

constexpr const char *head = "strata-difftest-case 1\nlayer\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, DifftestCaseFormatRejects,
    testing::Values(
        Malformed{"", "empty case file"},
        Malformed{"strata-difftest-case 2\n", "not a strata-difftest case"},
        Malformed{"hello\n", "line 1: not a strata-difftest case"},
        Malformed{"strata-difftest-case 1\nops\nend\n", "line 2: unexpected 'ops'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a\nops\n", "missing 'end'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a\n", "missing 'ops'"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nend\nlayer\n", "line 5: text after 'end'"},
        Malformed{"strata-difftest-case 1\nseed x\n", "line 2: bad seed"},
        Malformed{"strata-difftest-case 1\nlayer\nblob a\n", "line 3: unknown entry kind 'blob'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile /etc/passwd\n", "needs a relative path"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a/../../b\n", "needs a relative path"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a mode=999\n", "bad mode '999'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a mode=01777777\n", "bad mode"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a target=b\n", "file takes no 'target=b'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a size=1 size=2\n", "given twice"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a xattr=trusted.x=1\n", "bad xattr"},
        Malformed{"strata-difftest-case 1\nlayer\nsymlink l\n", "needs target="},
        Malformed{"strata-difftest-case 1\nlayer\nsymlink l target=/etc/passwd\n", "bad target"},
        Malformed{"strata-difftest-case 1\nlayer\nsymlink l target=../x\n", "bad target"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a\nfile a\n", "line 4: duplicate path 'a'"},
        Malformed{"strata-difftest-case 1\nlayer\nfile a\ndir a/b\n", "below non-directory 'a'"},
        Malformed{"strata-difftest-case 1\nlayer\nhardlink h target=f\n", "needs an earlier file"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nfrob a\nend\n", "line 4: unknown op 'frob'"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nchmod a\nend\n", "chmod takes 2 fields"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nchmod a 0644 x\nend\n", "takes 2 fields"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nrename a b sideways\nend\n", "rename flag"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nwrite a 0 99999999 1 plain\nend\n",
                  "bad length"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nhold 9 a\nend\n", "bad slot '9'"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nutimes a 1.5 2.000000000 follow\nend\n",
                  "bad time '1.5'"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nsymlink ../../etc l\nend\n",
                  "bad symlink target"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nsetxattr a security.x v follow\nend\n",
                  "bad xattr name"},
        Malformed{"strata-difftest-case 1\nlayer\nops\nunlink ..\nend\n", "bad path '..'"}));

TEST(DifftestCaseFormat, FormatsOneOpPerLineInFieldOrder)
{
    Op op;
    op.kind = OpKind::chown;
    op.path = "a/b";
    op.uid = 1000;
    op.gid = 0;
    op.nofollow = true;
    EXPECT_EQ(format_op(op), "chown a/b 1000:0 nofollow");
    auto parsed = parse_op("chown a/b 1000:0 nofollow");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value(), op);
}

TEST(DifftestCaseFormat, AcceptsHeadAlone)
{
    auto parsed = parse_case(std::string(head) + "ops\nend\n");
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed.value().layers.size(), 1U);
    EXPECT_TRUE(parsed.value().ops.empty());
}

} // namespace
} // namespace strata::difftest
