// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "strata/compression.h"
#include "strata/overlay_format.h"

namespace strata {
namespace {

TEST(OverlayFormat, WhiteoutIsACharacterDeviceZeroZero)
{
    EXPECT_TRUE(is_whiteout(S_IFCHR, makedev(0, 0)));
    EXPECT_TRUE(is_whiteout(S_IFCHR | 0644, makedev(0, 0)));
    EXPECT_FALSE(is_whiteout(S_IFCHR, makedev(1, 3))); // /dev/null
    EXPECT_FALSE(is_whiteout(S_IFCHR, makedev(0, 1)));
    EXPECT_FALSE(is_whiteout(S_IFBLK, makedev(0, 0)));
    EXPECT_FALSE(is_whiteout(S_IFREG, makedev(0, 0)));
}

TEST(OverlayFormat, OpaqueXattrFollowsUserxattr)
{
    EXPECT_EQ(opaque_xattr(false), "trusted.overlay.opaque");
    EXPECT_EQ(opaque_xattr(true), "user.overlay.opaque");
    EXPECT_TRUE(is_opaque_value("y"));
    EXPECT_FALSE(is_opaque_value("n"));
    EXPECT_FALSE(is_opaque_value("yes"));
    EXPECT_FALSE(is_opaque_value(""));
}

TEST(OverlayFormat, UnionXattrsInBothNamespaces)
{
    EXPECT_TRUE(is_union_xattr("trusted.overlay.opaque"));
    EXPECT_TRUE(is_union_xattr("trusted.overlay.origin"));
    EXPECT_TRUE(is_union_xattr("user.overlay.opaque"));
    EXPECT_FALSE(is_union_xattr("trusted.overlayx"));
    EXPECT_FALSE(is_union_xattr("user.foo"));
    EXPECT_FALSE(is_union_xattr("security.capability"));
}

TEST(Compression, BySuffix)
{
    EXPECT_EQ(compression_for_path("layer.tar.gz"), Compression::Gzip);
    EXPECT_EQ(compression_for_path("layer.tgz"), Compression::Gzip);
    EXPECT_EQ(compression_for_path("layer.tar.zst"), Compression::Zstd);
    EXPECT_EQ(compression_for_path("layer.tzst"), Compression::Zstd);
    EXPECT_EQ(compression_for_path("layer.tar"), Compression::None);
    EXPECT_EQ(compression_for_path("-"), Compression::None);
    EXPECT_EQ(compression_for_path("gz"), Compression::None);
}

TEST(Compression, ByName)
{
    EXPECT_EQ(parse_compression("none"), Compression::None);
    EXPECT_EQ(parse_compression("gzip"), Compression::Gzip);
    EXPECT_EQ(parse_compression("zstd"), Compression::Zstd);
    EXPECT_EQ(parse_compression("auto"), std::nullopt);
    EXPECT_EQ(parse_compression("lz4"), std::nullopt);
}

} // namespace
} // namespace strata
