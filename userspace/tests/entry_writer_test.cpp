// SPDX-License-Identifier: GPL-2.0-only
//
// The filesystem side of import on its own: what the layer index would
// refuse first must also be refused by the kernel's path walk, so a
// symlink planted by anyone cannot lead a write outside the layer.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "entry_writer.h"
#include "temp_dir.h"
#include "unique_fd.h"

namespace strata {
namespace {

namespace fs = std::filesystem;

class EntryWriterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tmp_.ok());
        fs::create_directory(layer_);
        fs::create_directory(outside_);
        root_.reset(::open(layer_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        ASSERT_TRUE(root_.valid());
    }

    EntryWriter writer()
    {
        return EntryWriter(root_.get(), WriterPolicy{false, false, [this](const std::string &message) {
                                                         warnings_.push_back(message);
                                                     }});
    }

    static EntryMeta meta(mode_t mode)
    {
        EntryMeta meta;
        meta.mode = mode;
        meta.mtime = {1500000000, 0};
        return meta;
    }

    static Result<void> fill(int fd)
    {
        return ::write(fd, "x", 1) == 1 ? Result<void>() : Result<void>(Error{});
    }

    test::TempDir tmp_;
    std::string layer_ = tmp_ / "layer";
    std::string outside_ = tmp_ / "outside";
    UniqueFd root_;
    std::vector<std::string> warnings_;
};

TEST_F(EntryWriterTest, RefusesToWalkThroughASymlink)
{
    fs::create_directory_symlink(outside_, fs::path(layer_) / "a");
    EntryWriter w = writer();
    auto place = w.place({"a", "f"});
    ASSERT_FALSE(place.ok());
    EXPECT_EQ(place.error().message, "'a' is a symlink; refusing to write through it");
    EXPECT_FALSE(w.place({"a", "b", "f"}).ok());
    EXPECT_FALSE(w.mark_opaque({"a"}).ok());
    EXPECT_TRUE(fs::is_empty(outside_));
}

TEST_F(EntryWriterTest, RefusesToWalkThroughAFile)
{
    std::ofstream(fs::path(layer_) / "f") << "x";
    auto place = writer().place({"f", "g"});
    ASSERT_FALSE(place.ok());
    EXPECT_EQ(place.error().message, "'f' is not a directory");
}

TEST_F(EntryWriterTest, HardlinkTargetIsResolvedBeneathTheRootToo)
{
    std::ofstream(fs::path(outside_) / "secret") << "s";
    fs::create_directory_symlink(outside_, fs::path(layer_) / "s");
    EntryWriter w = writer();
    auto place = w.place({"h"});
    ASSERT_TRUE(place.ok());
    EXPECT_FALSE(w.make_hardlink(place.value(), {"s", "secret"}).ok());
    EXPECT_FALSE(fs::exists(fs::path(layer_) / "h"));
    EXPECT_EQ(fs::hard_link_count(fs::path(outside_) / "secret"), 1u);
}

TEST_F(EntryWriterTest, FileIsCreatedOnlyIfAbsent)
{
    fs::create_symlink(fs::path(outside_) / "target", fs::path(layer_) / "f");
    EntryWriter w = writer();
    auto place = w.place({"f"});
    ASSERT_TRUE(place.ok());
    EXPECT_FALSE(w.make_file(place.value(), meta(0644), fill).ok());
    EXPECT_FALSE(fs::exists(fs::path(outside_) / "target"));
}

TEST_F(EntryWriterTest, ImpliedParentsAndDirectoryModesLast)
{
    EntryWriter w = writer();
    ASSERT_TRUE(w.make_directory({"ro"}, meta(0500), false).ok());
    auto place = w.place({"ro", "implied", "f"});
    ASSERT_TRUE(place.ok()) << place.error().message;
    ASSERT_TRUE(w.make_file(place.value(), meta(0600), fill).ok());
    // Still writable by its owner until finish().
    EXPECT_EQ(fs::status(fs::path(layer_) / "ro").permissions(), fs::perms::owner_all);
    ASSERT_TRUE(w.finish().ok());
    struct stat st {};
    ASSERT_EQ(::stat((fs::path(layer_) / "ro").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0500u);
    EXPECT_EQ(st.st_mtim.tv_sec, 1500000000);
    EXPECT_TRUE(fs::is_directory(fs::path(layer_) / "ro/implied"));
}

TEST_F(EntryWriterTest, PrivilegedXattrWithoutRootIsAWarning)
{
    EntryWriter w = writer();
    auto place = w.place({"f"});
    ASSERT_TRUE(place.ok());
    EntryMeta with_xattr = meta(0644);
    with_xattr.xattrs.push_back({"trusted.strata-test", "v"});
    auto made = w.make_file(place.value(), with_xattr, fill);
    if (::geteuid() == 0) {
        // Root keeps it, and anything it cannot set would be an error.
        EXPECT_TRUE(made.ok()) << made.error().message;
        EXPECT_TRUE(warnings_.empty());
    } else {
        EXPECT_TRUE(made.ok()) << made.error().message;
        ASSERT_EQ(warnings_.size(), 1u);
        EXPECT_EQ(warnings_[0], "xattr trusted.strata-test not kept: setting it needs root");
    }
}

} // namespace
} // namespace strata
