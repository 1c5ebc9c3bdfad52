// SPDX-License-Identifier: GPL-2.0-only
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fake_layer.h"
#include "strata/layer_diff.h"

namespace strata {
namespace {

using test::FakeLayer;
using Lines = std::vector<std::string>;

Lines diff_lines(const FakeLayer &upper, std::vector<const LayerSource *> lowers)
{
    const LowerView view(std::move(lowers));
    auto changes = compute_diff(upper, view);
    EXPECT_TRUE(changes.ok()) << (changes.ok() ? "" : changes.error().message);
    Lines lines;
    if (changes.ok()) {
        for (const auto &change : changes.value())
            lines.push_back(format_change(change));
    }
    return lines;
}

TEST(LayerDiff, BaseLayerIsAllAdded)
{
    FakeLayer upper;
    upper.file("etc/passwd").dir("tmp");
    EXPECT_EQ(diff_lines(upper, {}), (Lines{"A /etc", "A /etc/passwd", "A /tmp"}));
}

TEST(LayerDiff, CopiedUpFileAndItsDirectoryAreChanged)
{
    FakeLayer upper, lower;
    upper.file("etc/passwd").file("etc/new");
    lower.file("etc/passwd").file("etc/group");
    EXPECT_EQ(diff_lines(upper, {&lower}), (Lines{"C /etc", "A /etc/new", "C /etc/passwd"}));
}

TEST(LayerDiff, WhiteoutIsDeleted)
{
    FakeLayer upper, lower;
    upper.whiteout("etc/group").whiteout("var");
    lower.file("etc/group").file("var/log/x");
    EXPECT_EQ(diff_lines(upper, {&lower}), (Lines{"C /etc", "D /etc/group", "D /var"}));
}

TEST(LayerDiff, OpaqueDirectoryDeletesWhatItHides)
{
    FakeLayer upper, lower;
    upper.opaque_dir("opt").file("opt/new").file("opt/kept");
    lower.file("opt/kept").file("opt/old").file("opt/sub/deep");
    // Only the top of a hidden subtree is reported, as docker diff does.
    EXPECT_EQ(diff_lines(upper, {&lower}),
              (Lines{"C /opt", "C /opt/kept", "A /opt/new", "D /opt/old", "D /opt/sub"}));
}

TEST(LayerDiff, BelowAnOpaqueDirectoryLowerContentsStayHidden)
{
    FakeLayer upper, lower;
    upper.opaque_dir("a").file("a/b/mine");
    lower.file("a/b/theirs").file("a/b/mine");
    EXPECT_EQ(diff_lines(upper, {&lower}), (Lines{"C /a", "C /a/b", "C /a/b/mine", "D /a/b/theirs"}));
}

TEST(LayerDiff, NewOpaqueDirectoryIsAllAdded)
{
    FakeLayer upper, lower;
    upper.opaque_dir("fresh").file("fresh/f");
    lower.file("other");
    EXPECT_EQ(diff_lines(upper, {&lower}), (Lines{"A /fresh", "A /fresh/f"}));
}

TEST(LayerDiff, LowerWhiteoutsAndOpaqueDirsAreHonoured)
{
    FakeLayer upper, top, base;
    upper.file("etc/x").file("d/y");
    top.whiteout("etc/x").opaque_dir("d");
    base.file("etc/x").file("d/y");
    // Both were gone in the union below, so both are new again.
    EXPECT_EQ(diff_lines(upper, {&top, &base}), (Lines{"C /d", "A /d/y", "C /etc", "A /etc/x"}));
}

TEST(LayerDiff, ReplacingAFileWithADirectory)
{
    FakeLayer upper, lower;
    upper.file("f/inside");
    lower.file("f");
    EXPECT_EQ(diff_lines(upper, {&lower}), (Lines{"C /f", "A /f/inside"}));
}

TEST(LayerDiff, SortedByPathBytewise)
{
    FakeLayer upper;
    upper.file("a/b").file("a-b").file("B");
    EXPECT_EQ(diff_lines(upper, {}), (Lines{"A /B", "A /a", "A /a-b", "A /a/b"}));
}

TEST(LayerDiff, OpaqueRootIsIgnoredAsOverlayfsDoes)
{
    FakeLayer upper, lower;
    upper.opaque_dir("").file("new");
    lower.file("old");
    EXPECT_EQ(diff_lines(upper, {&lower}), Lines{"A /new"});
}

TEST(LayerDiff, ErrorsStopTheDiff)
{
    FakeLayer upper, lower;
    upper.opaque_dir("opt").file("opt/x");
    lower.file("opt/y").broken("opt");
    const LowerView view({&lower});
    auto changes = compute_diff(upper, view);
    ASSERT_FALSE(changes.ok());
    EXPECT_NE(changes.error().message.find("opt"), std::string::npos);
}

TEST(ChangeLetter, ForEachKind)
{
    EXPECT_EQ(change_letter(ChangeKind::Added), 'A');
    EXPECT_EQ(change_letter(ChangeKind::Changed), 'C');
    EXPECT_EQ(change_letter(ChangeKind::Deleted), 'D');
    EXPECT_EQ(format_change({"x/y", ChangeKind::Deleted}), "D /x/y");
}

} // namespace
} // namespace strata
