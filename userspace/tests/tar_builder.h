// SPDX-License-Identifier: GPL-2.0-only
//
// TarBuilder: layer tarballs made in a test with libarchive, entry by
// entry, including the hostile ones a real tool would never write.
#pragma once

#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <sys/types.h>

#include "strata/compression.h"

namespace strata::test {

struct TarMeta {
    mode_t mode = 0644; // permission bits
    std::time_t mtime = 1600000000;
    long mtime_nsec = 0;
    std::vector<std::pair<std::string, std::string>> xattrs;
};

[[nodiscard]] inline TarMeta with_mode(mode_t mode, std::time_t mtime = 1600000000, long mtime_nsec = 0)
{
    TarMeta meta;
    meta.mode = mode;
    meta.mtime = mtime;
    meta.mtime_nsec = mtime_nsec;
    return meta;
}

class TarBuilder {
public:
    TarBuilder(const std::string &path, Compression compression = Compression::None);
    TarBuilder(const TarBuilder &) = delete;
    TarBuilder &operator=(const TarBuilder &) = delete;
    ~TarBuilder();

    TarBuilder &file(const std::string &name, const std::string &data, TarMeta meta = {});
    TarBuilder &dir(const std::string &name, TarMeta meta = with_mode(0755));
    TarBuilder &symlink(const std::string &name, const std::string &target);
    TarBuilder &hardlink(const std::string &name, const std::string &target);
    TarBuilder &fifo(const std::string &name, TarMeta meta = {});
    // Writes the end of the archive; nothing can be added afterwards.
    void close();

private:
    struct ArchiveFree {
        void operator()(archive *a) const noexcept { archive_write_free(a); }
    };
    struct EntryFree {
        void operator()(archive_entry *e) const noexcept { archive_entry_free(e); }
    };
    using EntryPtr = std::unique_ptr<archive_entry, EntryFree>;

    EntryPtr entry(const std::string &name, mode_t type, const TarMeta &meta);
    void write(archive_entry *entry, const std::string &data = {});

    std::unique_ptr<archive, ArchiveFree> archive_;
    bool closed_ = false;
};

} // namespace strata::test
