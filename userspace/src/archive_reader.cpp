// SPDX-License-Identifier: GPL-2.0-only
#include "archive_reader.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/errors.h"

namespace strata {

namespace {

constexpr std::size_t block_size = 64 * 1024;

Result<void> write_all(int fd, const char *data, std::size_t size, std::int64_t offset)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return io_error("cannot write file data", errno);
        data += n;
        size -= static_cast<std::size_t>(n);
        offset += n;
    }
    return {};
}

} // namespace

Result<ArchiveReader> ArchiveReader::open(const std::string &path)
{
    std::unique_ptr<archive, Free> a(archive_read_new());
    if (!a)
        return io_error("libarchive", ENOMEM);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_empty(a.get());
    ArchiveReader reader(std::move(a));
    int rc;
    if (path == "-") {
        rc = archive_read_open_fd(reader.archive_.get(), STDIN_FILENO, block_size);
    } else {
        rc = archive_read_open_filename(reader.archive_.get(), path.c_str(), block_size);
        struct stat st {};
        if (rc == ARCHIVE_OK && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            reader.input_size_ = static_cast<std::uint64_t>(st.st_size);
    }
    if (rc != ARCHIVE_OK)
        return reader.archive_failure();
    return reader;
}

Error ArchiveReader::archive_failure() const
{
    const char *message = archive_error_string(archive_.get());
    std::string text = message ? message : "unreadable archive";
    const int err = archive_errno(archive_.get());
    // libarchive reports bad data as EILSEQ, misuse as EINVAL and other
    // trouble as -1, each already described; a system errno says more.
    if (err > 0 && err != EILSEQ && err != EINVAL)
        text += std::string(": ") + std::strerror(err);
    return Error{Failure::FileIo, text, err};
}

Result<archive_entry *> ArchiveReader::next()
{
    archive_entry *entry = nullptr;
    for (;;) {
        const int rc = archive_read_next_header(archive_.get(), &entry);
        if (rc == ARCHIVE_OK || rc == ARCHIVE_WARN)
            return entry;
        if (rc == ARCHIVE_EOF)
            return static_cast<archive_entry *>(nullptr);
        if (rc != ARCHIVE_RETRY)
            return archive_failure();
    }
}

Result<void> ArchiveReader::extract_data(int fd, std::int64_t size, const BlockHook &on_block)
{
    for (;;) {
        const void *data = nullptr;
        std::size_t length = 0;
        la_int64_t offset = 0;
        const int rc = archive_read_data_block(archive_.get(), &data, &length, &offset);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
            return archive_failure();
        if (auto ok = write_all(fd, static_cast<const char *>(data), length, offset); !ok)
            return ok;
        if (auto ok = on_block(length); !ok)
            return ok;
    }
    if (::ftruncate(fd, size) < 0)
        return io_error("cannot set the file's size", errno);
    return {};
}

std::uint64_t ArchiveReader::bytes_read() const
{
    const la_int64_t bytes = archive_filter_bytes(archive_.get(), -1);
    return bytes > 0 ? static_cast<std::uint64_t>(bytes) : 0;
}

} // namespace strata
