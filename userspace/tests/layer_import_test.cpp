// SPDX-License-Identifier: GPL-2.0-only
//
// Imports of tarballs built here into a temporary directory, as an
// unprivileged user can run them: what is kept, what is refused, and that
// a refused or broken tarball leaves the directory as it was.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "strata/layer_import.h"
#include "tar_builder.h"
#include "temp_dir.h"
#include "tree_snapshot.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using test::TarBuilder;
using test::TarMeta;
using test::with_mode;

mode_t test_umask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

class LayerImportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tmp_.ok());
        fs::create_directory(layer_);
        fs::create_directory(outside_);
    }

    // Imports tarball_ into layer_, collecting warnings.
    Result<ProgressCounts> import(ImportOptions options = {})
    {
        options.hooks.warn = [this](const std::string &message) { warnings_.push_back(message); };
        return import_layer(tarball_, layer_, options);
    }

    // The import failed with a message containing part, and left nothing.
    void expect_refused(const std::string &part, ImportOptions options = {})
    {
        auto result = import(std::move(options));
        ASSERT_FALSE(result.ok()) << "the import succeeded";
        EXPECT_NE(result.error().message.find(part), std::string::npos) << result.error().message;
        EXPECT_TRUE(fs::is_directory(layer_));
        EXPECT_TRUE(fs::is_empty(layer_)) << "the failed import left entries behind";
        EXPECT_TRUE(fs::is_empty(outside_)) << "something was written outside the layer";
    }

    std::string read(const std::string &name) const
    {
        std::ifstream in(fs::path(layer_) / name, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    struct stat lstat_of(const std::string &name) const
    {
        struct stat st {};
        EXPECT_EQ(::lstat((fs::path(layer_) / name).c_str(), &st), 0) << name;
        return st;
    }

    test::TempDir tmp_;
    std::string tarball_ = tmp_ / "layer.tar";
    std::string layer_ = tmp_ / "layer";
    std::string outside_ = tmp_ / "outside";
    std::vector<std::string> warnings_;
};

TEST_F(LayerImportTest, KeepsTypesModesTimesAndContents)
{
    {
        TarBuilder tar(tarball_);
        tar.dir("bin", with_mode(0755, 1500000000))
            .file("bin/tool", "#!/bin/sh\n", with_mode(04755, 1500000001, 123456789))
            .symlink("bin/link", "tool")
            .hardlink("bin/again", "bin/tool")
            .fifo("pipe", with_mode(0600))
            .dir("tmp", with_mode(01777, 1500000002))
            .file("tmp/deep/implied/file", "x");
    }
    auto counts = import();
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ(counts.value().entries, 7u);
    EXPECT_EQ(counts.value().bytes, 11u);

    EXPECT_EQ(read("bin/tool"), "#!/bin/sh\n");
    const struct stat tool = lstat_of("bin/tool");
    EXPECT_EQ(tool.st_mode & 07777, 04755u);
    EXPECT_EQ(tool.st_mtim.tv_sec, 1500000001);
    EXPECT_EQ(tool.st_mtim.tv_nsec, 123456789);
    EXPECT_EQ(fs::read_symlink(fs::path(layer_) / "bin/link"), "tool");
    EXPECT_EQ(lstat_of("bin/again").st_ino, tool.st_ino);
    EXPECT_TRUE(S_ISFIFO(lstat_of("pipe").st_mode));
    EXPECT_EQ(lstat_of("pipe").st_mode & 07777, 0600u);
    // Directory times survive the entries written into them afterwards.
    EXPECT_EQ(lstat_of("bin").st_mtim.tv_sec, 1500000000);
    EXPECT_EQ(lstat_of("tmp").st_mode & 07777, 01777u);
    EXPECT_EQ(lstat_of("tmp").st_mtim.tv_sec, 1500000002);
    EXPECT_EQ(read("tmp/deep/implied/file"), "x");
    EXPECT_EQ(lstat_of("tmp/deep").st_mode & 07777, 0755u & ~test_umask());
    EXPECT_TRUE(warnings_.empty());
}

TEST_F(LayerImportTest, CreatesAnAbsentDirectory)
{
    fs::remove(layer_);
    { TarBuilder(tarball_).file("f", "data"); }
    ASSERT_TRUE(import().ok());
    EXPECT_EQ(read("f"), "data");
}

TEST_F(LayerImportTest, ReadOnlyDirectoriesGetTheirModeLast)
{
    {
        TarBuilder tar(tarball_);
        tar.dir("ro", with_mode(0555)).file("ro/f", "inside");
    }
    ASSERT_TRUE(import().ok());
    EXPECT_EQ(read("ro/f"), "inside");
    EXPECT_EQ(lstat_of("ro").st_mode & 07777, 0555u);
}

TEST_F(LayerImportTest, RootEntrySetsTheLayerDirectorysMetadata)
{
    { TarBuilder(tarball_).dir("./", with_mode(0750, 1400000000)).file("f", "x"); }
    ASSERT_TRUE(import().ok());
    struct stat root {};
    ASSERT_EQ(::stat(layer_.c_str(), &root), 0);
    EXPECT_EQ(root.st_mode & 07777, 0750u);
    EXPECT_EQ(root.st_mtim.tv_sec, 1400000000);
}

TEST_F(LayerImportTest, KeepsUserXattrsAndSkipsUnionOnes)
{
    if (!test::user_xattrs_supported(tmp_.path()))
        GTEST_SKIP() << "no user xattrs on " << tmp_.path();
    TarMeta meta;
    meta.xattrs = {{"user.mime", "text/plain"}, {"user.overlay.opaque", "y"}, {"trusted.overlay.origin", "z"}};
    { TarBuilder(tarball_).file("f", "x", meta); }
    ASSERT_TRUE(import().ok());
    const auto node = test::snapshot(layer_).at("f");
    EXPECT_EQ(node.xattrs, (std::vector<std::pair<std::string, std::string>>{{"user.mime", "text/plain"}}));
    ASSERT_EQ(warnings_.size(), 2u);
    EXPECT_NE(warnings_[0].find("entry 'f': xattr user.overlay.opaque skipped"), std::string::npos) << warnings_[0];
    EXPECT_NE(warnings_[1].find("trusted.overlay.origin skipped"), std::string::npos) << warnings_[1];
}

TEST_F(LayerImportTest, OpaqueMarkerWithUserxattr)
{
    if (!test::user_xattrs_supported(tmp_.path()))
        GTEST_SKIP() << "no user xattrs on " << tmp_.path();
    { TarBuilder(tarball_).dir("opt").file("opt/.wh..wh..opq", "").file("opt/new", "n"); }
    ImportOptions options;
    options.userxattr = true;
    ASSERT_TRUE(import(options).ok());
    char value[8] = {};
    const std::string opt = fs::path(layer_) / "opt";
    EXPECT_EQ(::getxattr(opt.c_str(), "user.overlay.opaque", value, sizeof(value)), 1);
    EXPECT_EQ(value[0], 'y');
    EXPECT_FALSE(fs::exists(fs::path(layer_) / "opt/.wh..wh..opq"));
    EXPECT_EQ(read("opt/new"), "n");
}

// Whiteouts need CAP_MKNOD only before Linux 5.8; the guest suite covers
// them as root either way.
TEST_F(LayerImportTest, WhiteoutsBecomeCharacterDevices)
{
    if (!test::whiteouts_supported(tmp_.path()))
        GTEST_SKIP() << "this kernel lets only root create whiteouts";
    { TarBuilder(tarball_).dir("etc").file("etc/.wh.shadow", "", with_mode(0644, 1500000000)).file(".wh.opt", ""); }
    ASSERT_TRUE(import().ok());
    const auto tree = test::snapshot(layer_);
    for (const char *path : {"etc/shadow", "opt"}) {
        ASSERT_TRUE(tree.contains(path)) << path;
        EXPECT_EQ(tree.at(path).type, 'c') << path;
        EXPECT_EQ(tree.at(path).rdev, 0u) << path;
        EXPECT_EQ(tree.at(path).mode, 0u) << path;
    }
    EXPECT_EQ(tree.at("etc/shadow").mtime_sec, 1500000000);
    EXPECT_FALSE(tree.contains("etc/.wh.shadow"));
}

TEST_F(LayerImportTest, RefusesWhitingOutAndThenAddingOneName)
{
    if (!test::whiteouts_supported(tmp_.path()))
        GTEST_SKIP() << "this kernel lets only root create whiteouts";
    { TarBuilder(tarball_).file(".wh.x", "").dir("x"); }
    expect_refused("the layer both whites out 'x' and adds 'x'");
}

TEST_F(LayerImportTest, AufsMetadataIsSkippedWithAWarning)
{
    { TarBuilder(tarball_).dir(".wh..wh.plnk").file(".wh..wh.plnk/1.2", "x").file("kept", "k"); }
    ASSERT_TRUE(import().ok());
    EXPECT_EQ(test::snapshot(layer_).size(), 1u);
    ASSERT_EQ(warnings_.size(), 2u);
    EXPECT_NE(warnings_[0].find("aufs metadata, skipped"), std::string::npos);
}

TEST_F(LayerImportTest, ReportsProgress)
{
    { TarBuilder(tarball_).file("a", std::string(100000, 'a')).file("b", "b"); }
    std::vector<ProgressCounts> reports;
    ImportOptions options;
    options.hooks.progress = [&](const ProgressCounts &counts) { reports.push_back(counts); };
    ASSERT_TRUE(import(options).ok());
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.back().entries, 2u);
    EXPECT_EQ(reports.back().bytes, 100001u);
    ASSERT_TRUE(reports.back().input_size.has_value());
    EXPECT_EQ(*reports.back().input_size, fs::file_size(tarball_));
}

TEST_F(LayerImportTest, InterruptionUndoesTheImport)
{
    { TarBuilder(tarball_).file("a", "a").file("b", "b"); }
    ImportOptions options;
    int polls = 0;
    options.hooks.cancelled = [&] { return ++polls > 2; };
    expect_refused("interrupted", options);
}

TEST_F(LayerImportTest, RefusesANonEmptyDirectoryAndLeavesIt)
{
    std::ofstream(fs::path(layer_) / "mine") << "keep me";
    { TarBuilder(tarball_).file("f", "x"); }
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("is not empty"), std::string::npos);
    EXPECT_EQ(read("mine"), "keep me");
}

TEST_F(LayerImportTest, RefusesDotDot)
{
    { TarBuilder(tarball_).file("ok", "x").file("../outside/evil", "x"); }
    expect_refused("entry '../outside/evil': '..' component");
}

TEST_F(LayerImportTest, RefusesAbsolutePaths)
{
    { TarBuilder(tarball_).file("ok", "x").file(outside_ + "/evil", "x"); }
    expect_refused("absolute path");
}

TEST_F(LayerImportTest, RefusesWritingThroughASymlink)
{
    { TarBuilder(tarball_).symlink("a", outside_).file("a/evil", "x"); }
    expect_refused("entry 'a/evil': its parent 'a' is a symlink");
}

TEST_F(LayerImportTest, RefusesWritingThroughARelativeSymlink)
{
    { TarBuilder(tarball_).dir("d").symlink("d/up", "../../outside").file("d/up/evil", "x"); }
    expect_refused("is a symlink");
}

TEST_F(LayerImportTest, RefusesAHardlinkToOutside)
{
    std::ofstream(fs::path(outside_) / "secret") << "secret";
    { TarBuilder(tarball_).file("ok", "x").hardlink("h", "../outside/secret"); }
    // The secret stays, and nothing else appears beside it.
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("entry 'h': hardlink target '../outside/secret'"), std::string::npos)
        << result.error().message;
    EXPECT_TRUE(fs::is_empty(layer_));
    EXPECT_EQ(fs::hard_link_count(fs::path(outside_) / "secret"), 1u);
}

TEST_F(LayerImportTest, RefusesAHardlinkToAnAbsolutePath)
{
    { TarBuilder(tarball_).hardlink("h", outside_ + "/secret"); }
    expect_refused("absolute path");
}

TEST_F(LayerImportTest, RefusesAHardlinkThroughASymlink)
{
    std::ofstream(fs::path(outside_) / "secret") << "secret";
    { TarBuilder(tarball_).symlink("s", outside_).hardlink("h", "s/secret"); }
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("not an earlier entry"), std::string::npos) << result.error().message;
    EXPECT_TRUE(fs::is_empty(layer_));
    EXPECT_EQ(fs::hard_link_count(fs::path(outside_) / "secret"), 1u);
}

TEST_F(LayerImportTest, RefusesAHardlinkToALaterEntry)
{
    { TarBuilder(tarball_).hardlink("h", "later").file("later", "x"); }
    expect_refused("hardlink target 'later' is not an earlier entry");
}

TEST_F(LayerImportTest, RefusesANameLongerThanNameMax)
{
    const std::string name = std::string(300, 'n');
    { TarBuilder(tarball_).file("ok", "x").file("d/" + name, "x"); }
    expect_refused("longer than NAME_MAX");
}

TEST_F(LayerImportTest, RefusesAPathLongerThanPathMax)
{
    std::string name;
    while (name.size() < 5000)
        name += std::string(200, 'd') + "/";
    { TarBuilder(tarball_).file("ok", "x").file(name + "f", "x"); }
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("longer than PATH_MAX"), std::string::npos);
    // The message names the entry, shortened to fit a line.
    EXPECT_NE(result.error().message.find("entry 'dddd"), std::string::npos);
    EXPECT_LT(result.error().message.size(), 300u);
    EXPECT_TRUE(fs::is_empty(layer_));
}

TEST_F(LayerImportTest, RefusesBadWhiteouts)
{
    { TarBuilder(tarball_).file("ok", "x").file("etc/.wh.", ""); }
    expect_refused("entry 'etc/.wh.': whiteout ('.wh.') of an empty name");
}

TEST_F(LayerImportTest, RefusesAWhiteoutThatIsNotARegularFile)
{
    { TarBuilder(tarball_).dir(".wh.etc"); }
    expect_refused("whiteout name on an entry that is not a regular file");
}

TEST_F(LayerImportTest, RefusesAnOpaqueMarkerThatIsNotARegularFile)
{
    { TarBuilder(tarball_).symlink("d/.wh..wh..opq", "x"); }
    expect_refused("opaque marker on an entry that is not a regular file");
}

TEST_F(LayerImportTest, RefusesAddingAndWhitingOutOneName)
{
    { TarBuilder(tarball_).file("etc/x", "x").file("etc/.wh.x", ""); }
    expect_refused("both whites out 'etc/x' and adds 'etc/x'");
}

TEST_F(LayerImportTest, RefusesANameTwice)
{
    { TarBuilder(tarball_).file("f", "1").file("f", "2"); }
    expect_refused("'f' appears twice");
}

TEST_F(LayerImportTest, UndoesEverythingEvenBelowReadOnlyDirectories)
{
    {
        TarBuilder tar(tarball_);
        tar.dir("ro", with_mode(0500)).file("ro/f", "x").dir("ro/sub", with_mode(0)).file("../evil", "x");
    }
    expect_refused("'..' component");
}

TEST_F(LayerImportTest, RemovesADirectoryItCreatedOnFailure)
{
    fs::remove(layer_);
    { TarBuilder(tarball_).file("ok", "x").file("/abs", "x"); }
    ASSERT_FALSE(import().ok());
    EXPECT_FALSE(fs::exists(layer_));
}

// Random bytes do not compress, so the cut falls inside the file's data.
std::string incompressible(std::size_t size)
{
    std::string data(size, '\0');
    unsigned int state = 12345;
    for (auto &c : data) {
        state = state * 1103515245 + 12345;
        c = static_cast<char>(state >> 16);
    }
    return data;
}

TEST_F(LayerImportTest, TruncatedGzipIsUndone)
{
    tarball_ = tmp_ / "layer.tar.gz";
    { TarBuilder(tarball_, Compression::Gzip).file("small", "x").file("big", incompressible(256 * 1024)); }
    fs::resize_file(tarball_, fs::file_size(tarball_) / 2);
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("entry 'big'"), std::string::npos) << result.error().message;
    EXPECT_TRUE(fs::is_empty(layer_));
}

TEST_F(LayerImportTest, TruncatedBetweenEntriesNamesThePreviousOne)
{
    { TarBuilder(tarball_).file("first", std::string(512, 'x')).file("second", "y"); }
    // Header (512) and data (512) of the first entry, then half a header.
    fs::resize_file(tarball_, 1024 + 256);
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("after entry 'first'"), std::string::npos) << result.error().message;
    EXPECT_TRUE(fs::is_empty(layer_));
}

TEST_F(LayerImportTest, ZstdLayer)
{
    tarball_ = tmp_ / "layer.tar.zst";
    { TarBuilder(tarball_, Compression::Zstd).file("z", "zstd data"); }
    ASSERT_TRUE(import().ok());
    EXPECT_EQ(read("z"), "zstd data");
}

TEST_F(LayerImportTest, NotATarball)
{
    std::ofstream(tarball_) << "this is not a tar archive, not even close to one, as anyone can see\n";
    auto result = import();
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("Unrecognized archive format"), std::string::npos) << result.error().message;
    EXPECT_TRUE(fs::is_empty(layer_));
}

TEST_F(LayerImportTest, MissingTarballLeavesNoDirectory)
{
    fs::remove(layer_);
    tarball_ = tmp_ / "missing.tar";
    ASSERT_FALSE(import().ok());
    EXPECT_FALSE(fs::exists(layer_));
}

} // namespace
} // namespace strata
