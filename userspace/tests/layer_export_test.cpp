// SPDX-License-Identifier: GPL-2.0-only
//
// Exports of trees built here, read back with libarchive and imported
// again: the tarball holds what the tree holds, in a fixed order, and a
// failed export leaves nothing behind.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "strata/layer_export.h"
#include "strata/layer_import.h"
#include "temp_dir.h"
#include "tree_snapshot.h"

namespace strata {
namespace {

namespace fs = std::filesystem;

// One entry of a tarball as read back.
struct TarEntry {
    std::string name;
    mode_t type = 0;
    std::string hardlink;
    std::vector<std::string> xattr_names;
};

std::vector<TarEntry> list_tarball(const std::string &path)
{
    struct Free {
        void operator()(archive *a) const noexcept { archive_read_free(a); }
    };
    const std::unique_ptr<archive, Free> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    std::vector<TarEntry> entries;
    if (archive_read_open_filename(a.get(), path.c_str(), 10240) != ARCHIVE_OK) {
        ADD_FAILURE() << archive_error_string(a.get());
        return entries;
    }
    archive_entry *entry = nullptr;
    while (archive_read_next_header(a.get(), &entry) == ARCHIVE_OK) {
        TarEntry out{archive_entry_pathname(entry), archive_entry_filetype(entry), "", {}};
        if (archive_entry_hardlink(entry))
            out.hardlink = archive_entry_hardlink(entry);
        const char *name = nullptr;
        const void *value = nullptr;
        std::size_t size = 0;
        archive_entry_xattr_reset(entry);
        while (archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK)
            out.xattr_names.emplace_back(name);
        entries.push_back(std::move(out));
    }
    return entries;
}

std::vector<std::string> names_of(const std::vector<TarEntry> &entries)
{
    std::vector<std::string> names;
    for (const auto &entry : entries)
        names.push_back(entry.name);
    return names;
}

std::string file_bytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void set_mtime(const fs::path &path, time_t sec, long nsec)
{
    const timespec times[2] = {{sec, nsec}, {sec, nsec}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0) << path;
}

class LayerExportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(tmp_.ok());
        fs::create_directory(upper_);
        xattrs_ = test::user_xattrs_supported(tmp_.path());
    }

    // A tree with one of everything an unprivileged user can make.
    void build_tree()
    {
        const fs::path u = upper_;
        fs::create_directories(u / "usr/bin");
        std::ofstream(u / "usr/bin/tool") << "#!/bin/sh\necho hi\n";
        fs::permissions(u / "usr/bin/tool", fs::perms(0755));
        fs::create_hard_link(u / "usr/bin/tool", u / "usr/bin/tool2");
        fs::create_symlink("tool", u / "usr/bin/link");
        ASSERT_EQ(::mkfifo((u / "fifo").c_str(), 0640), 0);
        fs::create_directory(u / "tmp");
        fs::permissions(u / "tmp", fs::perms(01777));
        std::ofstream(u / "empty");
        fs::create_directories(u / "opt/app");
        std::ofstream(u / "opt/app/data") << std::string(70000, 'd');
        if (xattrs_) {
            ASSERT_EQ(::setxattr((u / "usr/bin/tool").c_str(), "user.origin", "test", 4, 0), 0);
            // opt is opaque, as a union mounted with userxattr marks it.
            ASSERT_EQ(::setxattr((u / "opt").c_str(), "user.overlay.opaque", "y", 1, 0), 0);
        }
        set_mtime(u / "usr/bin/tool", 1500000000, 987654321);
        set_mtime(u / "usr/bin/link", 1500000001, 0);
        for (const char *dir : {"usr/bin", "usr", "opt/app", "opt", "tmp"})
            set_mtime(u / dir, 1400000000, 5);
    }

    Result<ProgressCounts> export_to(const std::string &output, ExportOptions options = {})
    {
        options.userxattr = true;
        options.hooks.warn = [this](const std::string &message) { warnings_.push_back(message); };
        return export_layer(upper_, output, options);
    }

    test::TempDir tmp_;
    std::string upper_ = tmp_ / "upper";
    bool xattrs_ = false;
    std::vector<std::string> warnings_;
};

TEST_F(LayerExportTest, SortedEntriesWithHardlinksAndOpaqueMarker)
{
    build_tree();
    const std::string out = tmp_ / "layer.tar";
    auto counts = export_to(out);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    const auto entries = list_tarball(out);
    std::vector<std::string> expected{"empty", "fifo", "opt/"};
    if (xattrs_)
        expected.emplace_back("opt/.wh..wh..opq");
    expected.insert(expected.end(), {"opt/app/", "opt/app/data", "tmp/", "usr/", "usr/bin/", "usr/bin/link",
                                     "usr/bin/tool", "usr/bin/tool2"});
    EXPECT_EQ(names_of(entries), expected);
    EXPECT_EQ(counts.value().entries, expected.size());
    EXPECT_EQ(counts.value().bytes, 70000u + 18u);
    for (const auto &entry : entries) {
        if (entry.name == "usr/bin/tool2") {
            EXPECT_EQ(entry.hardlink, "usr/bin/tool");
        } else if (entry.name == "usr/bin/link") {
            EXPECT_EQ(entry.type, static_cast<mode_t>(AE_IFLNK));
        } else if (entry.name == "fifo") {
            EXPECT_EQ(entry.type, static_cast<mode_t>(AE_IFIFO));
        } else if (entry.name == "usr/bin/tool" && xattrs_) {
            EXPECT_EQ(entry.xattr_names, std::vector<std::string>{"user.origin"});
        } else if (entry.name == "opt/") {
            // The union's own mark never travels as an xattr.
            EXPECT_TRUE(entry.xattr_names.empty());
        }
    }
}

TEST_F(LayerExportTest, ReimportGivesTheSameTree)
{
    build_tree();
    const std::string out = tmp_ / "layer.tar.zst";
    ASSERT_TRUE(export_to(out).ok());
    const std::string again = tmp_ / "again";
    ImportOptions options;
    options.userxattr = true;
    auto imported = import_layer(out, again, options);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    EXPECT_EQ(test::snapshot(again), test::snapshot(upper_));
}

TEST_F(LayerExportTest, WhiteoutsBecomeWhFilesAndComeBack)
{
    if (!test::whiteouts_supported(tmp_.path()))
        GTEST_SKIP() << "this kernel lets only root create whiteouts";
    fs::create_directory(fs::path(upper_) / "etc");
    ASSERT_TRUE(test::make_whiteout(fs::path(upper_) / "etc/shadow"));
    ASSERT_TRUE(test::make_whiteout(fs::path(upper_) / "gone"));
    // overlayfs may share one whiteout inode between names: still two whiteouts.
    fs::create_hard_link(fs::path(upper_) / "gone", fs::path(upper_) / "gone2");
    const std::string out = tmp_ / "layer.tar";
    ASSERT_TRUE(export_to(out).ok());
    const auto entries = list_tarball(out);
    EXPECT_EQ(names_of(entries), (std::vector<std::string>{"etc/", "etc/.wh.shadow", ".wh.gone", ".wh.gone2"}));
    for (const auto &entry : entries) {
        if (entry.name != "etc/") {
            EXPECT_EQ(entry.type, static_cast<mode_t>(AE_IFREG)) << entry.name;
            EXPECT_EQ(entry.hardlink, "") << entry.name;
        }
    }
    const std::string again = tmp_ / "again";
    ASSERT_TRUE(import_layer(out, again, {}).ok());
    auto expected = test::snapshot(upper_);
    auto actual = test::snapshot(again);
    // The second name of the shared inode comes back as a whiteout of its own.
    expected.at("gone2").linked_to.clear();
    EXPECT_EQ(actual, expected);
}

TEST_F(LayerExportTest, NamesTravelAsBytesInAnyCharset)
{
    std::ofstream(fs::path(upper_) / "caf\xc3\xa9") << "utf-8";
    std::ofstream(fs::path(upper_) / "bad\xff") << "latin-1";
    const std::string out = tmp_ / "layer.tar";
    auto exported = export_to(out);
    ASSERT_TRUE(exported.ok()) << exported.error().message;
    const std::string again = tmp_ / "again";
    ASSERT_TRUE(import_layer(out, again, {}).ok());
    EXPECT_EQ(test::snapshot(again), test::snapshot(upper_));
}

TEST_F(LayerExportTest, SameTreeSameBytes)
{
    build_tree();
    const std::string first = tmp_ / "first.tar.gz";
    const std::string second = tmp_ / "second.tar.gz";
    ASSERT_TRUE(export_to(first).ok());
    ASSERT_TRUE(export_to(second).ok());
    EXPECT_EQ(file_bytes(first).substr(0, 2), "\x1f\x8b");
    EXPECT_EQ(file_bytes(first), file_bytes(second));
}

// Writes size bytes of c at offset into path, which it creates.
void write_at(const fs::path &path, off_t offset, std::size_t size, char c)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0644);
    ASSERT_GE(fd, 0) << path;
    const std::string bytes(size, c);
    EXPECT_EQ(::pwrite(fd, bytes.data(), size, offset), static_cast<ssize_t>(size));
    ::close(fd);
}

off_t allocated(const fs::path &path)
{
    struct stat st{};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_blocks * 512;
}

TEST_F(LayerExportTest, SparseFilesStaySparseAndComeBackWhole)
{
    const fs::path u = upper_;
    write_at(u / "disk.img", 1 << 20, 4096, 'a');
    write_at(u / "disk.img", 3 << 20, 4096, 'b');
    fs::resize_file(u / "disk.img", 8 << 20); // a hole at the end too
    std::ofstream(u / "lastlog").close();
    fs::resize_file(u / "lastlog", 32 << 20); // nothing but a hole
    std::ofstream(u / "dense") << std::string(100000, 'd');
    if (allocated(u / "disk.img") >= (1 << 20))
        GTEST_SKIP() << "the filesystem under " << tmp_.path() << " does not keep holes";

    const std::string out = tmp_ / "layer.tar";
    ExportOptions options;
    options.compression = Compression::None;
    auto counts = export_to(out, options);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ(counts.value().bytes, 100000u + 2 * 4096u) << "bytes read: holes are not read";
    EXPECT_LT(fs::file_size(out), 200000u) << "the holes went into the tarball";

    const std::string again = tmp_ / "again";
    auto imported = import_layer(out, again, {});
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    EXPECT_EQ(test::snapshot(again), test::snapshot(upper_));
    EXPECT_EQ(file_bytes(again + "/disk.img"), file_bytes(u / "disk.img"));
    EXPECT_EQ(fs::file_size(again + "/lastlog"), 32u << 20);
    EXPECT_EQ(allocated(again + "/lastlog"), 0);
    EXPECT_LT(allocated(again + "/disk.img"), 1 << 20);
}

TEST_F(LayerExportTest, CompressionBySuffixOrByName)
{
    std::ofstream(fs::path(upper_) / "f") << "x";
    const std::string zst = tmp_ / "layer.tar.zst";
    ASSERT_TRUE(export_to(zst).ok());
    EXPECT_EQ(file_bytes(zst).substr(0, 4), "\x28\xb5\x2f\xfd");
    const std::string plain = tmp_ / "named.tar.gz";
    ExportOptions options;
    options.compression = Compression::None;
    ASSERT_TRUE(export_to(plain, options).ok());
    EXPECT_EQ(file_bytes(plain).substr(257, 5), "ustar");
}

TEST_F(LayerExportTest, NewFileGetsTheUsualMode)
{
    std::ofstream(fs::path(upper_) / "f") << "x";
    const std::string out = tmp_ / "layer.tar";
    ASSERT_TRUE(export_to(out).ok());
    const mode_t mask = ::umask(0);
    ::umask(mask);
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);
}

TEST_F(LayerExportTest, SocketsAreSkippedWithAWarning)
{
    std::ofstream(fs::path(upper_) / "kept") << "x";
    const std::string socket_path = fs::path(upper_) / "sock";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(socket_path.size(), sizeof(address.sun_path));
    socket_path.copy(address.sun_path, socket_path.size());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    const std::string out = tmp_ / "layer.tar";
    ASSERT_TRUE(export_to(out).ok());
    EXPECT_EQ(names_of(list_tarball(out)), std::vector<std::string>{"kept"});
    ASSERT_EQ(warnings_.size(), 1u);
    EXPECT_NE(warnings_[0].find("'sock': a socket cannot go in a tarball"), std::string::npos) << warnings_[0];
}

TEST_F(LayerExportTest, FailureLeavesNoTarballAndKeepsAnOldOne)
{
    std::ofstream(fs::path(upper_) / "a") << "x";
    // Would read back as a whiteout of "x", so it cannot be exported.
    fs::create_directory(fs::path(upper_) / "z");
    std::ofstream(fs::path(upper_) / "z/.wh.x") << "";
    const std::string out = tmp_ / "layer.tar";
    std::ofstream(out) << "old tarball";
    auto result = export_to(out);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("'z/.wh.x'"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("would read back"), std::string::npos);
    EXPECT_EQ(file_bytes(out), "old tarball");
    // No temporary file is left beside it either.
    std::vector<std::string> left;
    for (const auto &entry : fs::directory_iterator(tmp_.path()))
        left.push_back(entry.path().filename().string());
    std::sort(left.begin(), left.end());
    EXPECT_EQ(left, (std::vector<std::string>{"layer.tar", "upper"}));
}

TEST_F(LayerExportTest, RefusesAnOutputInsideTheUpper)
{
    std::ofstream(fs::path(upper_) / "f") << "x";
    auto result = export_to(fs::path(upper_) / "self.tar");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().failure, Failure::Usage);
    EXPECT_NE(result.error().message.find("lies inside the upper directory"), std::string::npos);
    EXPECT_FALSE(fs::exists(fs::path(upper_) / "self.tar"));
}

TEST_F(LayerExportTest, MissingUpperIsAnError)
{
    auto result = export_layer(tmp_ / "nope", tmp_ / "layer.tar", {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("No such file or directory"), std::string::npos);
    EXPECT_FALSE(fs::exists(tmp_ / "layer.tar"));
}

} // namespace
} // namespace strata
