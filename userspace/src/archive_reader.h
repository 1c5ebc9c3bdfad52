// SPDX-License-Identifier: GPL-2.0-only
//
// ArchiveReader: a layer tarball read through libarchive, in any of the tar
// formats and any compression libarchive detects (gzip, zstd, ...).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <archive.h>
#include <archive_entry.h>

#include "strata/result.h"

namespace strata {

class ArchiveReader {
public:
    // "-" reads standard input.
    [[nodiscard]] static Result<ArchiveReader> open(const std::string &path);

    // The next entry, valid until the next call; nullptr after the last.
    [[nodiscard]] Result<archive_entry *> next();

    // Called with each block's size as it is written; an error stops the copy.
    using BlockHook = std::function<Result<void>(std::size_t)>;

    // Writes the current entry's data into fd at the offsets the archive
    // gives (so holes of a sparse entry stay holes), then sets the file's
    // size to size.
    [[nodiscard]] Result<void> extract_data(int fd, std::int64_t size, const BlockHook &on_block);

    // Bytes of the (compressed) input consumed so far.
    [[nodiscard]] std::uint64_t bytes_read() const;

    // The input's size when it is a regular file.
    [[nodiscard]] std::optional<std::uint64_t> input_size() const noexcept { return input_size_; }

private:
    struct Free {
        void operator()(archive *a) const noexcept { archive_read_free(a); }
    };

    explicit ArchiveReader(std::unique_ptr<archive, Free> archive) : archive_(std::move(archive)) {}

    [[nodiscard]] Error archive_failure() const;

    std::unique_ptr<archive, Free> archive_;
    std::optional<std::uint64_t> input_size_;
};

} // namespace strata
