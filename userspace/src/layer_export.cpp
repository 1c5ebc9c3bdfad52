// SPDX-License-Identifier: GPL-2.0-only
#include "strata/layer_export.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_writer.h"
#include "atomic_output.h"
#include "beneath.h"
#include "strata/errors.h"
#include "strata/layer_checks.h"
#include "strata/oci_name.h"
#include "strata/overlay_format.h"
#include "strata/union_mount.h"
#include "tree_walk.h"
#include "unique_fd.h"
#include "xattr_io.h"

namespace strata {

namespace {

constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t zeros_size = 1024 * 1024;

struct Extent {
    std::int64_t offset;
    std::int64_t length;
};

struct Extents {
    bool sparse = false;
    std::vector<Extent> data; // in order; the whole file when not sparse
};

// A file with holes (fewer blocks than its size needs) goes out as a sparse
// entry listing its data extents, so that an image's sparse files (lastlog,
// disk images) stay small in the layer. Any other file is one extent; so is
// a file whose filesystem cannot say where its holes are.
Result<Extents> data_extents(int fd, const struct stat &st)
{
    const std::int64_t size = st.st_size;
    if (static_cast<std::int64_t>(st.st_blocks) * 512 >= size)
        return Extents{false, {{0, size}}};
    Extents found{true, {}};
    for (std::int64_t pos = 0; pos < size;) {
        const off_t data = ::lseek(fd, pos, SEEK_DATA);
        if (data < 0 && errno == ENXIO)
            break;
        if (data < 0 && errno == EINVAL)
            return Extents{false, {{0, size}}};
        if (data < 0)
            return io_error("cannot find its data (SEEK_DATA)", errno);
        const off_t hole = ::lseek(fd, data, SEEK_HOLE);
        if (hole < 0)
            return io_error("cannot find its holes (SEEK_HOLE)", errno);
        const std::int64_t end = std::min<std::int64_t>(hole, size);
        if (data >= end)
            break;
        found.data.push_back({data, end - data});
        pos = end;
    }
    // All hole: one empty extent at the end keeps the entry sparse.
    if (found.data.empty())
        found.data.push_back({size, 0});
    // Fewer blocks but no holes (inline or compressed data): a plain entry.
    if (found.data.size() == 1 && found.data[0].offset == 0 && found.data[0].length == size)
        found.sparse = false;
    return found;
}

class LayerExport {
public:
    LayerExport(ArchiveWriter &writer, const ExportOptions &options) : writer_(writer), options_(options) {}

    [[nodiscard]] Result<WalkStep> visit(const TreeEntry &entry);
    [[nodiscard]] const ProgressCounts &counts() const noexcept { return counts_; }

private:
    [[nodiscard]] Result<void> write_directory(const TreeEntry &entry);
    [[nodiscard]] Result<void> write_marker(const TreeEntry &entry, const std::string &name);
    [[nodiscard]] Result<void> write_file(const TreeEntry &entry);
    [[nodiscard]] Result<void> write_other(const TreeEntry &entry);
    [[nodiscard]] Result<void> copy_data(int fd, std::int64_t size, const std::vector<Extent> &data);
    [[nodiscard]] Result<void> skip_hole(const std::array<char, zeros_size> &zeros, std::int64_t length);
    [[nodiscard]] const std::string *earlier_name(const TreeEntry &entry);
    [[nodiscard]] Result<ArchiveEntryPtr> describe(const TreeEntry &entry) const;
    void count_entry();

    ArchiveWriter &writer_;
    const ExportOptions &options_;
    ProgressCounts counts_;
    std::map<std::pair<dev_t, ino_t>, std::string> links_; // first path of each multiply linked file
};

Result<WalkStep> LayerExport::visit(const TreeEntry &entry)
{
    if (auto ok = options_.hooks.check_cancelled(); !ok)
        return ok.error();
    if (is_reserved_name(entry.name))
        return content_error("its name would read back from a layer tarball as a whiteout or "
                             "opaque marker, not as itself");
    const mode_t type = entry.st.st_mode & S_IFMT;
    Result<void> ok;
    if (is_whiteout(entry.st.st_mode, entry.st.st_rdev)) {
        const std::filesystem::path parent = std::filesystem::path(entry.path).parent_path();
        ok = write_marker(entry, whiteout_entry_name(parent.string(), entry.name));
    } else if (type == S_IFDIR) {
        ok = write_directory(entry);
    } else if (type == S_IFREG) {
        ok = write_file(entry);
    } else if (type == S_IFSOCK) {
        options_.hooks.warning(quoted_name(entry.path) + ": a socket cannot go in a tarball, skipped");
    } else {
        ok = write_other(entry);
    }
    if (!ok)
        return ok.error();
    return WalkStep::Descend;
}

// A tar entry named name with type and permissions mode, and the owner
// and time of st.
Result<ArchiveEntryPtr> new_entry(const std::string &name, mode_t mode, const struct stat &st)
{
    ArchiveEntryPtr out(archive_entry_new());
    if (!out)
        return io_error("libarchive", ENOMEM);
    archive_entry_set_pathname(out.get(), name.c_str());
    archive_entry_set_mode(out.get(), mode);
    archive_entry_set_uid(out.get(), st.st_uid);
    archive_entry_set_gid(out.get(), st.st_gid);
    archive_entry_set_mtime(out.get(), st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    return out;
}

// Mode, owner, time and xattrs of entry, under its own path.
Result<ArchiveEntryPtr> LayerExport::describe(const TreeEntry &entry) const
{
    auto out = new_entry(entry.path, entry.st.st_mode, entry.st);
    if (!out)
        return out;
    auto xattrs = read_xattrs(entry.parent_fd, entry.name);
    if (!xattrs)
        return xattrs.error();
    for (const auto &xattr : xattrs.value()) {
        if (!is_union_xattr(xattr.name))
            archive_entry_xattr_add_entry(out.value().get(), xattr.name.c_str(), xattr.value.data(),
                                          xattr.value.size());
    }
    return out;
}

void LayerExport::count_entry()
{
    ++counts_.entries;
    options_.hooks.report(counts_);
}

// A whiteout or an opaque mark: an empty regular file with the
// permissions, owner and time of what it stands for, as Docker writes it.
Result<void> LayerExport::write_marker(const TreeEntry &entry, const std::string &name)
{
    auto out = new_entry(name, S_IFREG | (entry.st.st_mode & 07777), entry.st);
    if (!out)
        return out.error();
    archive_entry_set_size(out.value().get(), 0);
    if (auto ok = writer_.write_header(out.value().get()); !ok)
        return ok;
    count_entry();
    return {};
}

Result<void> LayerExport::write_directory(const TreeEntry &entry)
{
    auto out = describe(entry);
    if (!out)
        return out.error();
    if (auto ok = writer_.write_header(out.value().get()); !ok)
        return ok;
    count_entry();
    auto opaque = read_xattr(entry.parent_fd, entry.name, std::string(opaque_xattr(options_.userxattr)));
    if (!opaque)
        return opaque.error();
    if (!opaque.value() || !is_opaque_value(*opaque.value()))
        return {};
    return write_marker(entry, opaque_entry_name(entry.path));
}

// For the second and later names of a file: the first one exported.
const std::string *LayerExport::earlier_name(const TreeEntry &entry)
{
    if (entry.st.st_nlink < 2)
        return nullptr;
    const auto [first, inserted] = links_.try_emplace({entry.st.st_dev, entry.st.st_ino}, entry.path);
    return inserted ? nullptr : &first->second;
}

Result<void> LayerExport::write_file(const TreeEntry &entry)
{
    auto out = describe(entry);
    if (!out)
        return out.error();
    archive_entry *header = out.value().get();
    if (const std::string *link = earlier_name(entry); link != nullptr) {
        archive_entry_set_hardlink(header, link->c_str());
        archive_entry_set_size(header, 0);
        if (auto ok = writer_.write_header(header); !ok)
            return ok;
        count_entry();
        return {};
    }
    const int fd = ::openat(entry.parent_fd, entry.name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot open", errno);
    const UniqueFd file(fd);
    auto extents = data_extents(file.get(), entry.st);
    if (!extents)
        return extents.error();
    archive_entry_set_size(header, entry.st.st_size);
    if (extents.value().sparse) {
        for (const Extent &data : extents.value().data)
            archive_entry_sparse_add_entry(header, data.offset, data.length);
    }
    if (auto ok = writer_.write_header(header); !ok)
        return ok;
    if (auto ok = copy_data(file.get(), entry.st.st_size, extents.value().data); !ok)
        return ok;
    count_entry();
    return {};
}

// The tar writer takes a sparse entry's whole logical content and keeps
// only its data extents; the holes are fed as zeros it does not store.
Result<void> LayerExport::copy_data(int fd, std::int64_t size, const std::vector<Extent> &data)
{
    static const std::array<char, zeros_size> zeros{};
    std::array<char, chunk_size> buffer{};
    std::int64_t pos = 0;
    for (const Extent &extent : data) {
        if (auto ok = skip_hole(zeros, extent.offset - pos); !ok)
            return ok;
        pos = extent.offset;
        const std::int64_t end = extent.offset + extent.length;
        while (pos < end) {
            const auto want = static_cast<std::size_t>(std::min<std::int64_t>(end - pos, chunk_size));
            const ssize_t n = ::pread(fd, buffer.data(), want, pos);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return io_error("cannot read", errno);
            if (n == 0)
                return content_error("the file shrank while it was being exported");
            if (auto ok = writer_.write_data(buffer.data(), static_cast<std::size_t>(n)); !ok)
                return ok;
            pos += n;
            counts_.bytes += static_cast<std::uint64_t>(n);
            options_.hooks.report(counts_);
            if (auto ok = options_.hooks.check_cancelled(); !ok)
                return ok;
        }
    }
    return skip_hole(zeros, size - pos);
}

Result<void> LayerExport::skip_hole(const std::array<char, zeros_size> &zeros, std::int64_t length)
{
    while (length > 0) {
        const auto n = static_cast<std::size_t>(std::min<std::int64_t>(length, zeros_size));
        if (auto ok = writer_.write_data(zeros.data(), n); !ok)
            return ok;
        length -= static_cast<std::int64_t>(n);
    }
    return {};
}

// Symlinks, devices and fifos: all they hold is in the header.
Result<void> LayerExport::write_other(const TreeEntry &entry)
{
    auto out = describe(entry);
    if (!out)
        return out.error();
    if (S_ISLNK(entry.st.st_mode)) {
        // st_size is the target's length, but some filesystems report 0.
        std::string target(std::max<std::size_t>(static_cast<std::size_t>(entry.st.st_size) + 1, PATH_MAX), '\0');
        const ssize_t n = ::readlinkat(entry.parent_fd, entry.name.c_str(), target.data(), target.size());
        if (n < 0)
            return io_error("cannot read the symlink", errno);
        target.resize(static_cast<std::size_t>(n));
        archive_entry_set_symlink(out.value().get(), target.c_str());
    } else {
        archive_entry_set_rdev(out.value().get(), entry.st.st_rdev);
    }
    if (auto ok = writer_.write_header(out.value().get()); !ok)
        return ok;
    count_entry();
    return {};
}

Result<void> check_output_outside(const std::string &upper, const std::string &output)
{
    if (output == "-")
        return {};
    const std::filesystem::path parent = std::filesystem::path(output).parent_path();
    const std::string dir = canonical_path(parent.empty() ? "." : parent.string());
    if (path_within(dir, canonical_path(upper)))
        return usage_error("the output '" + output + "' lies inside the upper directory '" + upper +
                           "' and would export itself");
    return {};
}

Result<ProgressCounts> write_tarball(int root_fd, int out_fd, Compression compression,
                                     const ExportOptions &options)
{
    auto writer = ArchiveWriter::open(out_fd, compression);
    if (!writer)
        return writer.error();
    LayerExport exporter(writer.value(), options);
    auto walked = walk_tree(root_fd, [&](const TreeEntry &entry) { return exporter.visit(entry); });
    if (!walked)
        return walked.error();
    if (auto ok = writer.value().close(); !ok)
        return ok.error();
    return exporter.counts();
}

} // namespace

Result<ProgressCounts> export_layer(const std::string &upper, const std::string &output,
                                    const ExportOptions &options)
{
    if (auto ok = check_output_outside(upper, output); !ok)
        return ok.error();
    auto root = open_root(upper);
    if (!root)
        return root.error();
    auto out = AtomicOutput::create(output);
    if (!out)
        return out.error();
    auto counts = write_tarball(root.value().get(), out.value().fd(),
                                options.compression.value_or(compression_for_path(output)), options);
    if (!counts)
        return counts.error();
    if (auto ok = out.value().commit(); !ok)
        return ok.error();
    return counts;
}

} // namespace strata
