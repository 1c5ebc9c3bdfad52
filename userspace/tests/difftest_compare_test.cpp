// SPDX-License-Identifier: GPL-2.0-only
#include <cerrno>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "allow_list.h"
#include "cli_options.h"
#include "compare.h"
#include "marks.h"
#include "mismatch.h"
#include "mtime_pins.h"
#include "outcome.h"

namespace strata::difftest {
namespace {

[[nodiscard]] Observation file(std::uint32_t perm = 0644)
{
    Observation obs;
    obs.type = "reg";
    obs.perm = perm;
    obs.size = 10;
    obs.nlink = 1;
    obs.content = "10 0123456789abcdef";
    obs.mtime_ns = 5;
    return obs;
}

[[nodiscard]] Observation dir(std::vector<std::string> entries)
{
    Observation obs;
    obs.type = "dir";
    obs.perm = 0755;
    obs.entries = std::move(entries);
    obs.opaque = "error ENODATA";
    return obs;
}

[[nodiscard]] bool never(const std::string &)
{
    return false;
}

TEST(DifftestCompare, EqualObservationsDoNotDiffer)
{
    EXPECT_FALSE(first_difference("f", file(), file(), true));
    EXPECT_FALSE(first_difference("d", dir({"a", "b"}), dir({"a", "b"}), true));
}

TEST(DifftestCompare, NamesTheFirstFieldThatDiffers)
{
    Observation b = file(0600);
    b.uid = 1000; // also differs, but after mode
    const auto diff = first_difference("f", file(), b, false);
    ASSERT_TRUE(diff);
    EXPECT_EQ(*diff, (FieldDiff{"f", "mode", "0644", "0600"}));
}

TEST(DifftestCompare, ComparesEachField)
{
    const auto field_of = [](auto change) {
        Observation b = file();
        change(b);
        const auto diff = first_difference("f", file(), b, true);
        return diff ? diff->field : std::string("none");
    };
    EXPECT_EQ(field_of([](Observation &o) { o.gid = 7; }), "owner");
    EXPECT_EQ(field_of([](Observation &o) { o.size = 11; }), "size");
    EXPECT_EQ(field_of([](Observation &o) { o.nlink = 2; }), "nlink");
    EXPECT_EQ(field_of([](Observation &o) { o.content = "10 ffff"; }), "content");
    EXPECT_EQ(field_of([](Observation &o) { o.xattrs = "user.a=1"; }), "xattrs");
    EXPECT_EQ(field_of([](Observation &o) { o.mtime_ns = 6; }), "mtime");
    EXPECT_EQ(field_of([](Observation &o) { o.type = "fifo"; }), "type");
    EXPECT_EQ(field_of([](Observation &o) { o.err = ENOENT; }), "exists");
}

TEST(DifftestCompare, IgnoresWhatIsNotPromised)
{
    // atime, ctime, st_ino, st_dev, st_blocks are not even observed; mtime is
    // compared only when asked; a directory's listing error wins over names.
    Observation b = file();
    b.mtime_ns = 99;
    EXPECT_FALSE(first_difference("f", file(), b, false));
}

TEST(DifftestCompare, WhiteoutsCompareAsNamesOnly)
{
    Observation a;
    a.type = "whiteout";
    a.perm = 0;
    a.nlink = 1;
    Observation b = a;
    b.nlink = 7; // overlayfs shares one whiteout inode between names
    b.uid = 1000;
    EXPECT_FALSE(first_difference("w", a, b, true));
}

TEST(DifftestCompare, ReportsMissingObjectsWithTheErrno)
{
    Observation missing;
    missing.err = ENOENT;
    const auto diff = first_difference("x", file(), missing, false);
    ASSERT_TRUE(diff);
    EXPECT_EQ(*diff, (FieldDiff{"x", "exists", "yes", "no, ENOENT"}));
}

TEST(DifftestCompare, ListsDirectoryEntries)
{
    const auto diff = first_difference("d", dir({"a", "b"}), dir({"a"}), false);
    ASSERT_TRUE(diff);
    EXPECT_EQ(*diff, (FieldDiff{"d", "entries", "a b", "a"}));
    Observation opaque = dir({"a", "b"});
    opaque.opaque = "y";
    EXPECT_EQ(first_difference("d", dir({"a", "b"}), opaque, false)->field, "opaque");
}

TEST(DifftestCompare, TreesDifferInPresenceFirstByPath)
{
    Tree a{{".", dir({"a", "b"})}, {"a", file()}, {"b", file()}};
    Tree b{{".", dir({"a", "b"})}, {"a", file()}};
    EXPECT_EQ(*first_tree_difference(a, b, never), (FieldDiff{"b", "presence", "present", "absent"}));
    EXPECT_EQ(*first_tree_difference(b, a, never), (FieldDiff{"b", "presence", "absent", "present"}));
    EXPECT_FALSE(first_tree_difference(a, a, never));
}

TEST(DifftestCompare, TreesCompareMtimeWherePinned)
{
    Tree a{{"f", file()}, {"g", file()}};
    Tree b = a;
    b["g"].mtime_ns = 77;
    EXPECT_FALSE(first_tree_difference(a, b, [](const std::string &p) { return p == "f"; }));
    const auto diff = first_tree_difference(a, b, [](const std::string &p) { return p == "g"; });
    ASSERT_TRUE(diff);
    EXPECT_EQ(diff->field, "mtime");
}

[[nodiscard]] Op op(OpKind kind, const char *path = "p", bool nofollow = false)
{
    Op o;
    o.kind = kind;
    o.path = path;
    o.nofollow = nofollow;
    return o;
}

TEST(DifftestMtimePins, EverythingPinnedUntilAnOpSetsNow)
{
    MtimePins pins;
    EXPECT_TRUE(pins.compared("any/path"));
    for (const OpKind keeps : {OpKind::chmod, OpKind::chown, OpKind::setxattr,
                               OpKind::removexattr, OpKind::readlink, OpKind::hold,
                               OpKind::read_held, OpKind::release}) {
        pins.after_op(op(keeps), true, false);
        EXPECT_TRUE(pins.compared("any/path")) << static_cast<int>(keeps);
    }
    pins.after_op(op(OpKind::write), false, false); // even a failed one
    EXPECT_FALSE(pins.compared("any/path"));
}

TEST(DifftestMtimePins, UtimesPinsItsPathUntilTheNextNowOp)
{
    MtimePins pins;
    pins.after_op(op(OpKind::create), true, false);
    pins.after_op(op(OpKind::utimes, "a"), true, false);
    pins.after_op(op(OpKind::utimes, "b"), false, false);   // failed
    pins.after_op(op(OpKind::utimes, "l"), true, true);     // followed a symlink
    pins.after_op(op(OpKind::utimes, "m", true), true, true); // set the symlink itself
    EXPECT_TRUE(pins.compared("a"));
    EXPECT_FALSE(pins.compared("b"));
    EXPECT_FALSE(pins.compared("l"));
    EXPECT_TRUE(pins.compared("m"));
    pins.after_op(op(OpKind::chmod, "a"), true, false);
    EXPECT_TRUE(pins.compared("a"));
    for (const OpKind now : {OpKind::create, OpKind::write, OpKind::truncate, OpKind::mkdir,
                             OpKind::mknod, OpKind::symlink, OpKind::link, OpKind::unlink,
                             OpKind::rmdir, OpKind::rename})
        EXPECT_TRUE(MtimePins::sets_now(now));
    pins.after_op(op(OpKind::rename, "x"), true, false);
    EXPECT_FALSE(pins.compared("a"));
}

[[nodiscard]] Mismatch result_mismatch(const char *a, const char *b)
{
    return Mismatch{MismatchKind::result, 3, "rename a b none", "rename", "a", "result", a, b};
}

TEST(DifftestMismatch, SignatureNamesKindAndOpOrField)
{
    EXPECT_EQ(result_mismatch("0", "-1 EXDEV").signature(), "result:rename:ok/EXDEV");
    EXPECT_EQ(result_mismatch("20", "10").signature(), "result:rename:ok/ok");
    EXPECT_EQ(result_mismatch("-1 ENOTEMPTY", "-1 EXDEV").signature(),
              "result:rename:ENOTEMPTY/EXDEV");
    EXPECT_EQ((Mismatch{MismatchKind::state, 1, "", "chmod", "f", "mode", "", ""}).signature(),
              "state:mode");
    EXPECT_EQ((Mismatch{MismatchKind::upper, 0, "", "", "w", "type", "", ""}).signature(),
              "upper:type");
    EXPECT_EQ((Mismatch{MismatchKind::mount, 0, "", "", "", "mount", "", ""}).signature(),
              "mount");
    const std::string text = result_mismatch("0", "-1 EXDEV").describe("strata", "overlay");
    EXPECT_NE(text.find("op 3 `rename a b none`"), std::string::npos) << text;
    EXPECT_NE(text.find("A (strata): 0"), std::string::npos) << text;
    EXPECT_NE(text.find("B (overlay): -1 EXDEV"), std::string::npos) << text;
}

TEST(DifftestAllowList, HoldsOnlyTheDocumentedDifference)
{
    EXPECT_EQ(allowed_differences.size(), 1U);
    EXPECT_EQ(find_allowed(result_mismatch("0", "-1 EXDEV"), allowed_differences), nullptr);
    // Overlay's listing disagrees with its stat, Strata's agrees: known.
    EXPECT_NE(find_allowed(Mismatch{MismatchKind::state, 3, "", "link", "a", "d_ino", "agrees",
                                    "not st_ino for z"},
                           allowed_differences),
              nullptr);
    // Strata's disagreeing is never allowed.
    EXPECT_EQ(find_allowed(Mismatch{MismatchKind::state, 3, "", "link", "a", "d_ino",
                                    "not st_ino for z", "agrees"},
                           allowed_differences),
              nullptr);
}

TEST(DifftestAllowList, MatchesSignatureAndValues)
{
    const AllowedDifference table[] = {
        {"result:rename:EXDEV/ok", "", "", "strata refuses this rename"},
        {"state:nlink", "", "", "counted another way"},
    };
    EXPECT_EQ(find_allowed(result_mismatch("-1 EXDEV", "0"), table), &table[0]);
    EXPECT_EQ(find_allowed(result_mismatch("0", "-1 EXDEV"), table), nullptr);
    EXPECT_EQ(find_allowed(result_mismatch("-1 EXDEV", "-1 ENOTEMPTY"), table), nullptr);
    EXPECT_EQ(find_allowed(Mismatch{MismatchKind::state, 1, "", "link", "f", "nlink", "1", "2"},
                           table),
              &table[1]);
    EXPECT_EQ(find_allowed(Mismatch{MismatchKind::tree, 0, "", "", "f", "nlink", "1", "2"}, table),
              nullptr);
}

TEST(DifftestOutcome, RendersResultErrnoAndData)
{
    EXPECT_EQ((Outcome{0, 0, {}}).to_string(), "0");
    EXPECT_EQ((Outcome{20, 0, {}}).to_string(), "20");
    EXPECT_EQ((Outcome{-1, ENOENT, {}}).to_string(), "-1 ENOENT");
    EXPECT_EQ((Outcome{0, 0, "a/b"}).to_string(), "0 a/b");
    EXPECT_NE((Outcome{0, 0, "x"}), (Outcome{0, 0, "y"}));
}

[[nodiscard]] Result<CliOptions> parse(std::vector<std::string_view> args)
{
    return parse_cli(args);
}

TEST(DifftestCli, RunWithEveryOption)
{
    auto options = parse({"run", "--seed", "0x10", "--sequences=3", "--ops", "5",
                          "--max-lowers", "2", "--fs-a", "overlay", "--fs-b=overlay",
                          "--scratch", "/s", "--save-dir", "/d", "--mount-options", "xino=off",
                          "--mount-options-b", "metacopy=on", "--no-shrink", "--trace",
                          "--no-user-xattrs", "--hardlinks", "--userns"});
    ASSERT_TRUE(options.ok()) << options.error().message;
    const CliOptions &o = options.value();
    EXPECT_EQ(o.command, Command::run);
    EXPECT_EQ(o.seed, 16U);
    EXPECT_EQ(o.sequences, 3U);
    EXPECT_EQ(o.ops, 5U);
    EXPECT_EQ(o.max_lowers, 2U);
    EXPECT_EQ(o.fs_a, "overlay");
    EXPECT_EQ(o.fs_b, "overlay");
    EXPECT_EQ(o.scratch, "/s");
    EXPECT_EQ(o.save_dir, "/d");
    EXPECT_EQ(o.mount_options, "xino=off");
    EXPECT_EQ(o.mount_options_b, "metacopy=on");
    EXPECT_FALSE(o.shrink);
    EXPECT_TRUE(o.trace);
    EXPECT_TRUE(o.userns);
    EXPECT_FALSE(o.user_xattrs);
    EXPECT_TRUE(o.hardlinks);
    EXPECT_FALSE(o.self_test_fault);
}

TEST(DifftestCli, Defaults)
{
    auto options = parse({"run"});
    ASSERT_TRUE(options.ok());
    EXPECT_FALSE(options.value().seed);
    EXPECT_EQ(options.value().sequences, 50U);
    EXPECT_EQ(options.value().ops, 40U);
    EXPECT_EQ(options.value().max_lowers, 16U);
    EXPECT_EQ(options.value().fs_a, "strata");
    EXPECT_EQ(options.value().fs_b, "overlay");
    EXPECT_FALSE(options.value().hardlinks);
    EXPECT_FALSE(options.value().userns);
}

TEST(DifftestCli, ReplayTakesCasesAndTheHiddenFault)
{
    auto options = parse({"replay", "--self-test-fault", "a.case", "b.case"});
    ASSERT_TRUE(options.ok());
    EXPECT_EQ(options.value().command, Command::replay);
    EXPECT_TRUE(options.value().self_test_fault);
    EXPECT_EQ(options.value().cases, (std::vector<std::string>{"a.case", "b.case"}));
    EXPECT_EQ(usage_text().find("self-test"), std::string::npos);
}

TEST(DifftestCli, RefusesBadUsage)
{
    for (const auto &args : std::vector<std::vector<std::string_view>>{
             {},
             {"frob"},
             {"run", "extra"},
             {"run", "--seed"},
             {"run", "--seed", "12x"},
             {"run", "--sequences", "0"},
             {"run", "--max-lowers", "65"},
             {"run", "--no-shrink=1"},
             {"run", "--bogus"},
             {"replay"},
             {"replay", "--seed", "1", "a.case"},
             {"run", "--fs-a="},
         })
        EXPECT_FALSE(parse(args).ok()) << (args.empty() ? "(none)" : args.back());
}

} // namespace
} // namespace strata::difftest

namespace strata::difftest {
namespace {

// The union's own xattrs in an upper are skipped, the opaque mark aside,
// which is compared as its own field: trusted.overlay.opaque, or with
// user marks (--userns) user.overlay.opaque, which is otherwise an
// ordinary xattr.
TEST(DifftestMarks, PrivateNamesFollowWhereTheMarksLive)
{
    EXPECT_STREQ(opaque_mark_name(Marks::trusted), "trusted.overlay.opaque");
    EXPECT_STREQ(opaque_mark_name(Marks::user), "user.overlay.opaque");
    for (Marks marks : {Marks::trusted, Marks::user}) {
        EXPECT_TRUE(is_private_overlay_xattr("trusted.overlay.origin", marks));
        EXPECT_TRUE(is_private_overlay_xattr("user.overlay.impure", marks));
        EXPECT_FALSE(is_private_overlay_xattr("user.a", marks));
        EXPECT_FALSE(is_private_overlay_xattr("user.overlayish", marks));
    }
    EXPECT_FALSE(is_private_overlay_xattr("user.overlay.opaque", Marks::trusted));
    EXPECT_TRUE(is_private_overlay_xattr("user.overlay.opaque", Marks::user));
}

} // namespace
} // namespace strata::difftest
