// SPDX-License-Identifier: GPL-2.0-only
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strata/layer_checks.h"
#include "strata/union_mount.h"
#include "temp_dir.h"

namespace strata {
namespace {

using Layers = std::vector<std::string>;

TEST(ParseUnionOptions, LowerdirUpperWorkAndUserxattr)
{
    auto mount = parse_union_options("rw,lowerdir=/l/top:/l/base,upperdir=/c/u,workdir=/c/w,userxattr,uuid=on");
    ASSERT_TRUE(mount.ok()) << mount.error().message;
    EXPECT_EQ(mount.value().lower_layers, (Layers{"/l/top", "/l/base"}));
    EXPECT_EQ(mount.value().upper_dir, "/c/u");
    EXPECT_EQ(mount.value().work_dir, "/c/w");
    EXPECT_TRUE(mount.value().userxattr);
}

TEST(ParseUnionOptions, EscapedColonsCommasAndBackslashes)
{
    auto mount = parse_union_options(R"(ro,lowerdir=/l/a\:b:/l/c\,d:/l/e\\f,upperdir=/u\,x)");
    ASSERT_TRUE(mount.ok()) << mount.error().message;
    EXPECT_EQ(mount.value().lower_layers, (Layers{"/l/a:b", "/l/c,d", R"(/l/e\f)"}));
    EXPECT_EQ(mount.value().upper_dir, "/u,x");
    EXPECT_FALSE(mount.value().userxattr);
}

TEST(ParseUnionOptions, OneLayerPerLowerdirPlus)
{
    auto mount = parse_union_options("rw,lowerdir+=/l/1,lowerdir+=/l/2");
    ASSERT_TRUE(mount.ok());
    EXPECT_EQ(mount.value().lower_layers, (Layers{"/l/1", "/l/2"}));
    EXPECT_TRUE(mount.value().upper_dir.empty());
}

TEST(ParseUnionOptions, BadLowerdirIsAnError)
{
    EXPECT_FALSE(parse_union_options("lowerdir=/a::/b").ok());
}

// A mountinfo file as the kernel writes it: octal escapes for space (\040),
// backslash (\134) and comma (\054) on top of the layer escapes.
constexpr const char *mountinfo_text =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "40 22 0:40 / /merged\\040one rw,relatime shared:2 - strata none "
    "rw,lowerdir=/l/x\\134\\054y:/l/base,upperdir=/c/up,workdir=/c/work\n"
    "41 22 0:41 / /ov rw,relatime shared:3 - overlay overlay rw,lowerdir=/o/l,upperdir=/o/u,workdir=/o/w\n"
    "42 22 0:42 / /ov rw,relatime shared:4 - overlay overlay rw,lowerdir=/o/l2,upperdir=/o/u2,workdir=/o/w2,userxattr\n";

TEST(ReadUnionMounts, FindsStrataAndOverlayMountsOnly)
{
    test::TempDir dir;
    ASSERT_TRUE(dir.ok());
    const std::string file = dir / "mountinfo";
    std::ofstream(file) << mountinfo_text;
    auto mounts = read_union_mounts(file);
    ASSERT_TRUE(mounts.ok()) << mounts.error().message;
    ASSERT_EQ(mounts.value().size(), 3u);
    const UnionMount &strata = mounts.value()[0];
    EXPECT_EQ(strata.target, "/merged one");
    EXPECT_EQ(strata.fstype, "strata");
    EXPECT_EQ(strata.lower_layers, (Layers{"/l/x,y", "/l/base"}));
    EXPECT_EQ(strata.upper_dir, "/c/up");
    EXPECT_EQ(mounts.value()[1].fstype, "overlay");
}

TEST(ReadUnionMounts, MissingTableIsAnError)
{
    EXPECT_FALSE(read_union_mounts("/nonexistent/mountinfo").ok());
}

TEST(FindMount, TheLastMountOnATargetIsTheVisibleOne)
{
    test::TempDir dir;
    ASSERT_TRUE(dir.ok());
    const std::string file = dir / "mountinfo";
    std::ofstream(file) << mountinfo_text;
    const auto mounts = read_union_mounts(file).value();
    const auto ov = find_mount_at(mounts, "/ov");
    ASSERT_TRUE(ov.has_value());
    EXPECT_EQ(ov->upper_dir, "/o/u2");
    EXPECT_TRUE(ov->userxattr);
    EXPECT_FALSE(find_mount_at(mounts, "/").has_value()); // ext4, not a union
    EXPECT_FALSE(find_mount_at(mounts, "/merged").has_value());
}

TEST(FindMount, ByUpperDirectory)
{
    test::TempDir dir;
    ASSERT_TRUE(dir.ok());
    const std::string file = dir / "mountinfo";
    std::ofstream(file) << mountinfo_text;
    const auto mounts = read_union_mounts(file).value();
    const auto found = find_mount_with_upper(mounts, "/c/up");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->target, "/merged one");
    EXPECT_FALSE(find_mount_with_upper(mounts, "/c/work").has_value());
}

TEST(CanonicalPath, ResolvesOrKeepsThePath)
{
    test::TempDir dir;
    ASSERT_TRUE(dir.ok());
    const std::string real = std::filesystem::canonical(dir.path()).string();
    EXPECT_EQ(canonical_path(dir.path().string() + "/."), real);
    EXPECT_EQ(canonical_path("/nonexistent/x"), "/nonexistent/x");
}

// mount.strata stacks a clone only over the very union a mount program
// asks for again.
TEST(SameLayers, ComparesCanonicalPathsInOrder)
{
    test::TempDir dir;
    ASSERT_TRUE(dir.ok());
    for (const char *name : {"a", "b", "u", "w"})
        ASSERT_TRUE(std::filesystem::create_directory(dir / name));
    UnionMount mounted;
    mounted.lower_layers = {dir / "a", dir / "b"};
    mounted.upper_dir = dir / "u";
    mounted.work_dir = dir / "w";
    EXPECT_TRUE(same_layers(mounted, {dir / "a", dir / "a/../b"}, dir / "u/", dir / "./w"));
    EXPECT_FALSE(same_layers(mounted, {dir / "b", dir / "a"}, dir / "u", dir / "w"));
    EXPECT_FALSE(same_layers(mounted, {dir / "a"}, dir / "u", dir / "w"));
    EXPECT_FALSE(same_layers(mounted, {dir / "a", dir / "b"}, dir / "w", dir / "u"));
    EXPECT_FALSE(same_layers(mounted, {dir / "a", dir / "b"}, "", ""));
    mounted.upper_dir.clear();
    mounted.work_dir.clear();
    EXPECT_TRUE(same_layers(mounted, {dir / "a", dir / "b"}, "", ""));
}

// mount(8) repeats a union's options on remount; only a change is refused.
TEST(ChangedOnRemount, NamesTheFirstOptionTheUnionLacks)
{
    auto mounted = parse_union_options("lowerdir=/a,upperdir=/u,workdir=/w,userxattr,uuid=off");
    ASSERT_TRUE(mounted.ok()) << mounted.error().message;
    EXPECT_EQ(mounted.value().options, (std::vector<std::string>{"userxattr", "uuid=off"}));
    EXPECT_EQ(changed_on_remount(mounted.value(), {"userxattr", "uuid=off"}), std::nullopt);
    EXPECT_EQ(changed_on_remount(mounted.value(), {}), std::nullopt);
    EXPECT_EQ(changed_on_remount(mounted.value(), {"userxattr", "uuid=null"}), "uuid=null");
    EXPECT_EQ(changed_on_remount(mounted.value(), {"default_permissions"}), "default_permissions");
}

} // namespace
} // namespace strata
