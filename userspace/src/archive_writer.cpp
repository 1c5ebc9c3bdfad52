// SPDX-License-Identifier: GPL-2.0-only
#include "archive_writer.h"

#include <cerrno>

#include "strata/errors.h"

namespace strata {

namespace {

int add_filter(archive *a, Compression compression)
{
    switch (compression) {
    case Compression::Gzip: {
        const int rc = archive_write_add_filter_gzip(a);
        // The gzip header's time would make each export differ.
        return rc == ARCHIVE_OK ? archive_write_set_options(a, "gzip:!timestamp") : rc;
    }
    case Compression::Zstd:
        return archive_write_add_filter_zstd(a);
    case Compression::None:
        break;
    }
    return archive_write_add_filter_none(a);
}

} // namespace

Result<ArchiveWriter> ArchiveWriter::open(int fd, Compression compression)
{
    std::unique_ptr<archive, Free> a(archive_write_new());
    if (!a)
        return io_error("libarchive", ENOMEM);
    ArchiveWriter writer(std::move(a));
    archive *raw = writer.archive_.get();
    // xattrs as SCHILY.xattr.* only, the records Docker, Go's archive/tar
    // and GNU tar read, not also libarchive's own copy of each. Names as
    // the bytes they are: Linux names need not be valid in any charset.
    if (archive_write_set_format_pax(raw) != ARCHIVE_OK ||
        archive_write_set_options(raw, "pax:xattrheader=SCHILY,pax:hdrcharset=BINARY") != ARCHIVE_OK ||
        add_filter(raw, compression) != ARCHIVE_OK || archive_write_open_fd(raw, fd) != ARCHIVE_OK)
        return writer.archive_failure();
    return writer;
}

Error ArchiveWriter::archive_failure() const
{
    const char *message = archive_error_string(archive_.get());
    return Error{Failure::FileIo, message ? message : "cannot write the archive", archive_errno(archive_.get())};
}

Result<void> ArchiveWriter::write_header(archive_entry *entry)
{
    if (archive_write_header(archive_.get(), entry) != ARCHIVE_OK)
        return archive_failure();
    return {};
}

Result<void> ArchiveWriter::write_data(const char *data, std::size_t size)
{
    while (size > 0) {
        const la_ssize_t n = archive_write_data(archive_.get(), data, size);
        if (n <= 0)
            return archive_failure();
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return {};
}

Result<void> ArchiveWriter::close()
{
    if (archive_write_close(archive_.get()) != ARCHIVE_OK)
        return archive_failure();
    return {};
}

} // namespace strata
