// SPDX-License-Identifier: GPL-2.0-only
#include <string>

#include <gtest/gtest.h>

#include "strata/layer_index.h"

namespace strata {
namespace {

PathComponents parts(const std::string &path)
{
    return split_entry_path(path).value();
}

std::string message_of(const Result<void> &result)
{
    return result.ok() ? "(accepted)" : result.error().message;
}

std::string message_of(const Result<bool> &result)
{
    return result.ok() ? "(accepted)" : result.error().message;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

TEST(LayerIndex, NewEntriesAndImpliedParents)
{
    LayerIndex index;
    auto added = index.add(parts("a/b/file"), IndexedKind::NonDirectory);
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_FALSE(added.value());
    // The parents exist now: a directory entry for one only sets metadata.
    auto dir = index.add(parts("a/b"), IndexedKind::Directory);
    ASSERT_TRUE(dir.ok());
    EXPECT_TRUE(dir.value());
}

TEST(LayerIndex, RootEntryIsAnExistingDirectory)
{
    LayerIndex index;
    auto root = index.add({}, IndexedKind::Directory);
    ASSERT_TRUE(root.ok());
    EXPECT_TRUE(root.value());
}

TEST(LayerIndex, RepeatedDirectoryIsMetadataOnly)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("d"), IndexedKind::Directory).ok());
    auto again = index.add(parts("d"), IndexedKind::Directory);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again.value());
}

TEST(LayerIndex, AnyOtherRepeatIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("f"), IndexedKind::NonDirectory).ok());
    EXPECT_TRUE(contains(message_of(index.add(parts("f"), IndexedKind::NonDirectory)), "'f' appears twice"));
    EXPECT_TRUE(contains(message_of(index.add(parts("f"), IndexedKind::Directory)), "appears twice"));
    ASSERT_TRUE(index.add(parts("d"), IndexedKind::Directory).ok());
    EXPECT_TRUE(contains(message_of(index.add(parts("d"), IndexedKind::Symlink)), "'d' appears twice"));
}

TEST(LayerIndex, NothingBelowASymlink)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("a"), IndexedKind::Symlink).ok());
    const std::string message = message_of(index.add(parts("a/f"), IndexedKind::NonDirectory));
    EXPECT_TRUE(contains(message, "its parent 'a' is a symlink")) << message;
    EXPECT_TRUE(contains(message_of(index.add_whiteout(parts("a/x"))), "is a symlink"));
    EXPECT_TRUE(contains(message_of(index.add_opaque(parts("a/sub"))), "is a symlink"));
}

TEST(LayerIndex, NothingBelowAFile)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("f"), IndexedKind::NonDirectory).ok());
    EXPECT_TRUE(contains(message_of(index.add(parts("f/g/h"), IndexedKind::NonDirectory)),
                         "its parent 'f' is not a directory"));
}

TEST(LayerIndex, WhiteoutThenAddIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add_whiteout(parts("etc/x")).ok());
    const std::string message = message_of(index.add(parts("etc/x"), IndexedKind::NonDirectory));
    EXPECT_TRUE(contains(message, "both whites out 'etc/x' and adds 'etc/x'")) << message;
}

TEST(LayerIndex, AddThenWhiteoutIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("etc/x"), IndexedKind::Directory).ok());
    EXPECT_TRUE(contains(message_of(index.add_whiteout(parts("etc/x"))), "both whites out 'etc/x'"));
}

TEST(LayerIndex, WhiteoutOfAnImpliedParentIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("opt/app/bin"), IndexedKind::NonDirectory).ok());
    EXPECT_TRUE(contains(message_of(index.add_whiteout(parts("opt/app"))), "both whites out 'opt/app'"));
}

TEST(LayerIndex, AddingBelowAWhiteoutIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add_whiteout(parts("opt")).ok());
    const std::string message = message_of(index.add(parts("opt/new"), IndexedKind::NonDirectory));
    EXPECT_TRUE(contains(message, "both whites out 'opt' and adds 'opt/new'")) << message;
}

TEST(LayerIndex, WhiteoutTwiceIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add_whiteout(parts("x")).ok());
    EXPECT_TRUE(contains(message_of(index.add_whiteout(parts("x"))), "whiteout of 'x' appears twice"));
}

TEST(LayerIndex, OpaqueMarksListedOrImpliedDirectories)
{
    LayerIndex index;
    EXPECT_TRUE(index.add_opaque(parts("implied/dir")).ok());
    // The marker came first; the directory's own entry may follow it.
    auto dir = index.add(parts("implied/dir"), IndexedKind::Directory);
    ASSERT_TRUE(dir.ok());
    EXPECT_TRUE(dir.value());
    EXPECT_TRUE(index.add_opaque({}).ok());
}

TEST(LayerIndex, OpaqueMarkerOnAFileOrWhiteoutIsRefused)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("f"), IndexedKind::NonDirectory).ok());
    EXPECT_TRUE(contains(message_of(index.add_opaque(parts("f"))), "opaque marker for 'f', which is not a directory"));
    ASSERT_TRUE(index.add_whiteout(parts("w")).ok());
    EXPECT_TRUE(contains(message_of(index.add_opaque(parts("w"))), "both whites out 'w'"));
}

TEST(LayerIndex, HardlinkTargetMustBeAnEarlierFile)
{
    LayerIndex index;
    ASSERT_TRUE(index.add(parts("bin/a"), IndexedKind::NonDirectory).ok());
    ASSERT_TRUE(index.add(parts("bin/s"), IndexedKind::Symlink).ok());
    ASSERT_TRUE(index.add_whiteout(parts("gone")).ok());
    EXPECT_TRUE(index.check_link_target(parts("bin/a")).ok());
    EXPECT_TRUE(index.check_link_target(parts("bin/s")).ok());
    EXPECT_TRUE(contains(message_of(index.check_link_target(parts("bin/later"))), "not an earlier entry"));
    EXPECT_TRUE(contains(message_of(index.check_link_target(parts("bin"))), "'bin' is a directory"));
    EXPECT_TRUE(contains(message_of(index.check_link_target({})), "is a directory"));
    EXPECT_TRUE(contains(message_of(index.check_link_target(parts("gone"))), "'gone' is a whiteout"));
}

} // namespace
} // namespace strata
