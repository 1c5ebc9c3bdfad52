// SPDX-License-Identifier: GPL-2.0-only
//
// ArchiveWriter: a pax tarball written through libarchive to an open fd,
// compressed as asked, with nothing in it that depends on when or where
// it was written (no gzip timestamp), so that one tree gives one tarball.
#pragma once

#include <memory>

#include <archive.h>
#include <archive_entry.h>

#include "strata/compression.h"
#include "strata/result.h"

namespace strata {

struct ArchiveEntryFree {
    void operator()(archive_entry *entry) const noexcept { archive_entry_free(entry); }
};
using ArchiveEntryPtr = std::unique_ptr<archive_entry, ArchiveEntryFree>;

class ArchiveWriter {
public:
    // The fd is not owned and must stay open until close().
    [[nodiscard]] static Result<ArchiveWriter> open(int fd, Compression compression);

    [[nodiscard]] Result<void> write_header(archive_entry *entry);
    [[nodiscard]] Result<void> write_data(const char *data, std::size_t size);
    // Ends the archive and flushes the compressor; an error here means the
    // output is incomplete.
    [[nodiscard]] Result<void> close();

private:
    struct Free {
        void operator()(archive *a) const noexcept { archive_write_free(a); }
    };

    explicit ArchiveWriter(std::unique_ptr<archive, Free> archive) : archive_(std::move(archive)) {}

    [[nodiscard]] Error archive_failure() const;

    std::unique_ptr<archive, Free> archive_;
};

} // namespace strata
