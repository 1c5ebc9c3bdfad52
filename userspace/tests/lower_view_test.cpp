// SPDX-License-Identifier: GPL-2.0-only
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fake_layer.h"
#include "strata/lower_view.h"

namespace strata {
namespace {

using test::FakeLayer;
using Names = std::vector<std::string>;

LowerKind kind_of(const LowerView &view, const std::string &path)
{
    auto kind = view.kind(path);
    EXPECT_TRUE(kind.ok()) << path;
    return kind.ok() ? kind.value() : LowerKind::Absent;
}

Names names_in(const LowerView &view, const std::string &path)
{
    auto names = view.list(path);
    EXPECT_TRUE(names.ok()) << path;
    return names.ok() ? names.value() : Names{};
}

TEST(LowerView, EmptyStackHasOnlyTheRoot)
{
    const LowerView view({});
    EXPECT_TRUE(view.empty());
    EXPECT_EQ(kind_of(view, ""), LowerKind::Directory);
    EXPECT_EQ(kind_of(view, "etc"), LowerKind::Absent);
    EXPECT_TRUE(names_in(view, "").empty());
}

TEST(LowerView, TopLayerWinsAndDirectoriesMerge)
{
    FakeLayer top, base;
    top.file("etc/hosts");
    base.file("etc/passwd").dir("etc/ssl");
    const LowerView view({&top, &base});
    EXPECT_EQ(kind_of(view, "etc"), LowerKind::Directory);
    EXPECT_EQ(kind_of(view, "etc/hosts"), LowerKind::Other);
    EXPECT_EQ(kind_of(view, "etc/passwd"), LowerKind::Other);
    EXPECT_EQ(kind_of(view, "etc/ssl"), LowerKind::Directory);
    EXPECT_EQ(names_in(view, "etc"), (Names{"hosts", "passwd", "ssl"}));
}

TEST(LowerView, WhiteoutHidesWhatIsBelow)
{
    FakeLayer top, base;
    top.whiteout("etc/passwd").whiteout("opt");
    base.file("etc/passwd").file("etc/group").file("opt/app/bin");
    const LowerView view({&top, &base});
    EXPECT_EQ(kind_of(view, "etc/passwd"), LowerKind::Absent);
    EXPECT_EQ(kind_of(view, "opt"), LowerKind::Absent);
    EXPECT_EQ(kind_of(view, "opt/app/bin"), LowerKind::Absent);
    EXPECT_EQ(names_in(view, "etc"), Names{"group"});
    EXPECT_EQ(names_in(view, ""), Names{"etc"});
}

TEST(LowerView, OpaqueDirectoryHidesOnlyTheDirectoriesBelow)
{
    FakeLayer top, middle, base;
    top.file("var/cache/new");
    middle.opaque_dir("var/cache").file("var/cache/mid");
    base.file("var/cache/old").file("var/log");
    const LowerView view({&top, &middle, &base});
    EXPECT_EQ(kind_of(view, "var/cache/old"), LowerKind::Absent);
    EXPECT_EQ(kind_of(view, "var/cache/mid"), LowerKind::Other);
    EXPECT_EQ(kind_of(view, "var/log"), LowerKind::Other);
    EXPECT_EQ(names_in(view, "var/cache"), (Names{"mid", "new"}));
}

TEST(LowerView, NonDirectoryHidesADirectoryBelowAndItsContents)
{
    FakeLayer top, base;
    top.file("d");
    base.file("d/inside");
    const LowerView view({&top, &base});
    EXPECT_EQ(kind_of(view, "d"), LowerKind::Other);
    EXPECT_EQ(kind_of(view, "d/inside"), LowerKind::Absent);
    EXPECT_TRUE(names_in(view, "d").empty());
}

TEST(LowerView, DirectoryAboveHidesANonDirectoryBelow)
{
    FakeLayer top, base;
    top.dir("d");
    base.file("d");
    const LowerView view({&top, &base});
    EXPECT_EQ(kind_of(view, "d"), LowerKind::Directory);
}

TEST(LowerView, WhiteoutInALowerLayerIsNotListed)
{
    FakeLayer only;
    only.whiteout("etc/gone").file("etc/kept");
    const LowerView view({&only});
    EXPECT_EQ(names_in(view, "etc"), Names{"kept"});
    EXPECT_EQ(kind_of(view, "etc/gone"), LowerKind::Absent);
}

TEST(LowerView, LayerErrorsArePassedOn)
{
    FakeLayer broken;
    broken.dir("etc").broken("etc");
    const LowerView view({&broken});
    auto kind = view.kind("etc");
    ASSERT_FALSE(kind.ok());
    EXPECT_EQ(kind.error().sys_errno, EACCES);
}

} // namespace
} // namespace strata
