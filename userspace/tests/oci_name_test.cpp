// SPDX-License-Identifier: GPL-2.0-only
#include <string>

#include <gtest/gtest.h>

#include "strata/oci_name.h"

namespace strata {
namespace {

using Parts = PathComponents;

TarName classify(const std::string &name)
{
    auto parts = split_entry_path(name);
    EXPECT_TRUE(parts.ok()) << name;
    auto tar_name = classify_tar_name(parts.value());
    EXPECT_TRUE(tar_name.ok()) << name << ": " << (tar_name.ok() ? "" : tar_name.error().message);
    return tar_name.ok() ? tar_name.value() : TarName{};
}

std::string refusal(const std::string &name)
{
    auto tar_name = classify_tar_name(split_entry_path(name).value());
    return tar_name.ok() ? "(accepted)" : tar_name.error().message;
}

TEST(ClassifyTarName, OrdinaryEntry)
{
    const TarName name = classify("usr/bin/ls");
    EXPECT_EQ(name.kind, TarNameKind::Regular);
    EXPECT_EQ(name.target, (Parts{"usr", "bin", "ls"}));
}

TEST(ClassifyTarName, WhiteoutHidesTheNameInItsDirectory)
{
    const TarName name = classify("etc/.wh.shadow");
    EXPECT_EQ(name.kind, TarNameKind::Whiteout);
    EXPECT_EQ(name.target, (Parts{"etc", "shadow"}));
}

TEST(ClassifyTarName, WhiteoutAtTheRoot)
{
    const TarName name = classify("./.wh.opt");
    EXPECT_EQ(name.kind, TarNameKind::Whiteout);
    EXPECT_EQ(name.target, Parts{"opt"});
}

TEST(ClassifyTarName, WhiteoutOfADotName)
{
    const TarName name = classify(".wh..profile");
    EXPECT_EQ(name.kind, TarNameKind::Whiteout);
    EXPECT_EQ(name.target, Parts{".profile"});
}

TEST(ClassifyTarName, OpaqueMarkerNamesItsDirectory)
{
    const TarName name = classify("var/cache/.wh..wh..opq");
    EXPECT_EQ(name.kind, TarNameKind::Opaque);
    EXPECT_EQ(name.target, (Parts{"var", "cache"}));
}

TEST(ClassifyTarName, OpaqueRoot)
{
    const TarName name = classify(".wh..wh..opq");
    EXPECT_EQ(name.kind, TarNameKind::Opaque);
    EXPECT_TRUE(name.target.empty());
}

TEST(ClassifyTarName, AufsMetadataAndItsContentsAreSkipped)
{
    EXPECT_EQ(classify(".wh..wh.plnk").kind, TarNameKind::AufsMeta);
    EXPECT_EQ(classify(".wh..wh.plnk/1234.5678").kind, TarNameKind::AufsMeta);
    EXPECT_EQ(classify("a/.wh..wh.aufs").kind, TarNameKind::AufsMeta);
}

TEST(ClassifyTarName, RootEntryIsRegular)
{
    const TarName name = classify("./");
    EXPECT_EQ(name.kind, TarNameKind::Regular);
    EXPECT_TRUE(name.target.empty());
}

TEST(ClassifyTarName, RefusesBadWhiteouts)
{
    EXPECT_NE(refusal("etc/.wh.").find("of an empty name"), std::string::npos);
    EXPECT_NE(refusal(".wh..").find("whiteout of '.'"), std::string::npos);
    EXPECT_NE(refusal("a/.wh...").find("whiteout of '..'"), std::string::npos);
}

TEST(ClassifyTarName, RefusesAPathThroughAWhiteoutName)
{
    EXPECT_NE(refusal("a/.wh.b/c").find("path through 'a/.wh.b'"), std::string::npos) << refusal("a/.wh.b/c");
}

TEST(IsReservedName, WhiteoutPrefixOnly)
{
    EXPECT_TRUE(is_reserved_name(".wh.x"));
    EXPECT_TRUE(is_reserved_name(".wh..wh..opq"));
    EXPECT_FALSE(is_reserved_name(".whx"));
    EXPECT_FALSE(is_reserved_name("x.wh.y"));
}

TEST(ReverseMapping, WhiteoutAndOpaqueNames)
{
    EXPECT_EQ(whiteout_entry_name("", "opt"), ".wh.opt");
    EXPECT_EQ(whiteout_entry_name("etc/ssl", "certs"), "etc/ssl/.wh.certs");
    EXPECT_EQ(opaque_entry_name("var/cache"), "var/cache/.wh..wh..opq");
    EXPECT_EQ(opaque_entry_name(""), ".wh..wh..opq");
}

// What export writes, import reads back as the same thing.
TEST(ReverseMapping, RoundTripsThroughClassify)
{
    const TarName whiteout = classify(whiteout_entry_name("etc/ssl", "certs"));
    EXPECT_EQ(whiteout.kind, TarNameKind::Whiteout);
    EXPECT_EQ(whiteout.target, (Parts{"etc", "ssl", "certs"}));
    const TarName opaque = classify(opaque_entry_name("var/cache"));
    EXPECT_EQ(opaque.kind, TarNameKind::Opaque);
    EXPECT_EQ(opaque.target, (Parts{"var", "cache"}));
}

} // namespace
} // namespace strata
