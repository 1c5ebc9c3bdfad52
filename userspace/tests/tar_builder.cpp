// SPDX-License-Identifier: GPL-2.0-only
#include "tar_builder.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::test {

TarBuilder::TarBuilder(const std::string &path, Compression compression) : archive_(archive_write_new())
{
    archive_write_set_format_pax(archive_.get());
    if (compression == Compression::Gzip)
        archive_write_add_filter_gzip(archive_.get());
    else if (compression == Compression::Zstd)
        archive_write_add_filter_zstd(archive_.get());
    if (archive_write_open_filename(archive_.get(), path.c_str()) != ARCHIVE_OK)
        ADD_FAILURE() << "cannot write " << path << ": " << archive_error_string(archive_.get());
}

TarBuilder::~TarBuilder()
{
    close();
}

void TarBuilder::close()
{
    if (!closed_)
        archive_write_close(archive_.get());
    closed_ = true;
}

TarBuilder::EntryPtr TarBuilder::entry(const std::string &name, mode_t type, const TarMeta &meta)
{
    EntryPtr e(archive_entry_new());
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_mode(e.get(), type | meta.mode);
    // The test's own ids, so that an import as root keeps them harmlessly.
    archive_entry_set_uid(e.get(), ::getuid());
    archive_entry_set_gid(e.get(), ::getgid());
    archive_entry_set_mtime(e.get(), meta.mtime, meta.mtime_nsec);
    for (const auto &[key, value] : meta.xattrs)
        archive_entry_xattr_add_entry(e.get(), key.c_str(), value.data(), value.size());
    return e;
}

void TarBuilder::write(archive_entry *e, const std::string &data)
{
    if (archive_write_header(archive_.get(), e) != ARCHIVE_OK)
        ADD_FAILURE() << "cannot add " << archive_entry_pathname(e) << ": " << archive_error_string(archive_.get());
    else if (!data.empty() && archive_write_data(archive_.get(), data.data(), data.size()) < 0)
        ADD_FAILURE() << "cannot write " << archive_entry_pathname(e) << ": " << archive_error_string(archive_.get());
}

TarBuilder &TarBuilder::file(const std::string &name, const std::string &data, TarMeta meta)
{
    auto e = entry(name, S_IFREG, meta);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
    write(e.get(), data);
    return *this;
}

TarBuilder &TarBuilder::dir(const std::string &name, TarMeta meta)
{
    write(entry(name, S_IFDIR, meta).get());
    return *this;
}

TarBuilder &TarBuilder::symlink(const std::string &name, const std::string &target)
{
    auto e = entry(name, S_IFLNK, with_mode(0777));
    archive_entry_set_symlink(e.get(), target.c_str());
    write(e.get());
    return *this;
}

TarBuilder &TarBuilder::hardlink(const std::string &name, const std::string &target)
{
    auto e = entry(name, S_IFREG, TarMeta());
    archive_entry_set_hardlink(e.get(), target.c_str());
    archive_entry_set_size(e.get(), 0);
    write(e.get());
    return *this;
}

TarBuilder &TarBuilder::fifo(const std::string &name, TarMeta meta)
{
    write(entry(name, S_IFIFO, meta).get());
    return *this;
}

} // namespace strata::test
