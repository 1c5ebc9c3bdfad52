// SPDX-License-Identifier: GPL-2.0-only
#include "layer_builder.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "content.h"
#include "fnv1a.h"
#include "path_rules.h"
#include "probe_text.h"
#include "unique_fd.h"

namespace strata::difftest {
namespace {

constexpr std::int64_t ns_per_sec = 1000000000;

class LayerBuilder {
public:
    LayerBuilder(std::string dir, UniqueFd fd, std::size_t index, Marks marks)
        : dir_(std::move(dir)), fd_(std::move(fd)), index_(index), marks_(marks)
    {
    }

    [[nodiscard]] Result<void> build(const Layer &layer)
    {
        for (const Entry &entry : layer) {
            if (auto made = make_parents(entry.path); !made)
                return made;
            if (auto made = make(entry); !made)
                return made;
            made_.push_back(entry.path);
        }
        // Children first: making an entry changes its parent's mtime.
        std::ranges::stable_sort(made_, std::ranges::greater{},
                          [](const std::string &p) { return path_depth(p); });
        for (const std::string &path : made_) {
            if (auto set = set_time(path); !set)
                return set;
        }
        return set_time(".");
    }

private:
    std::string dir_;
    UniqueFd fd_;
    std::size_t index_;
    Marks marks_;
    std::vector<std::string> made_; // every path made, entries and implied parents

    [[nodiscard]] Error failed(const char *what, const std::string &path, int err = errno) const
    {
        return Error{Failure::System,
                     "building L" + std::to_string(index_ + 1) + " " + path + ": " + what + ": " +
                         probe::errno_name(err),
                     err};
    }

    [[nodiscard]] std::string full_path(const std::string &path) const
    {
        return dir_ + "/" + path;
    }

    // Parents the layer lacks become plain directories (the shrinker may
    // have dropped the entry that made one).
    [[nodiscard]] Result<void> make_parents(const std::string &path)
    {
        std::vector<std::string> missing;
        for (std::string up = parent_path(path); up != "."; up = parent_path(up))
            missing.push_back(up);
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            if (::mkdirat(fd_.get(), it->c_str(), 0755) == 0)
                made_.push_back(*it);
            else if (errno != EEXIST)
                return failed("mkdir", *it);
        }
        return {};
    }

    [[nodiscard]] Result<void> make(const Entry &entry)
    {
        const char *path = entry.path.c_str();
        switch (entry.kind) {
        case EntryKind::dir:
            if (::mkdirat(fd_.get(), path, 0700) < 0)
                return failed("mkdir", entry.path);
            return finish(entry);
        case EntryKind::file: return make_file(entry);
        case EntryKind::symlink:
            if (::symlinkat(entry.target.c_str(), fd_.get(), path) < 0)
                return failed("symlink", entry.path);
            return finish(entry);
        case EntryKind::hardlink:
            if (::linkat(fd_.get(), entry.target.c_str(), fd_.get(), path, 0) < 0)
                return failed("link", entry.path);
            return {};
        case EntryKind::fifo:
            if (::mknodat(fd_.get(), path, S_IFIFO | 0600, 0) < 0)
                return failed("mkfifo", entry.path);
            return finish(entry);
        case EntryKind::whiteout:
            if (::mknodat(fd_.get(), path, S_IFCHR, makedev(0, 0)) < 0)
                return failed("mknod whiteout", entry.path);
            return {};
        }
        return {};
    }

    [[nodiscard]] Result<void> make_file(const Entry &entry)
    {
        const UniqueFd fd(::openat(fd_.get(), entry.path.c_str(),
                                   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (!fd.valid())
            return failed("create", entry.path);
        std::vector<unsigned char> block(content_block);
        for (std::uint64_t off = 0; off < entry.size; off += content_block) {
            if (entry.sparse && !sparse_block_has_data(entry.fill, off / content_block))
                continue;
            const auto len = static_cast<std::size_t>(std::min(content_block, entry.size - off));
            content_bytes(entry.fill, off, std::span(block).first(len));
            if (::pwrite(fd.get(), block.data(), len, static_cast<off_t>(off)) !=
                static_cast<ssize_t>(len))
                return failed("write", entry.path);
        }
        if (::ftruncate(fd.get(), static_cast<off_t>(entry.size)) < 0)
            return failed("truncate", entry.path);
        return finish(entry);
    }

    // Owner before mode (chown clears set-id bits), then xattrs.
    [[nodiscard]] Result<void> finish(const Entry &entry)
    {
        const char *path = entry.path.c_str();
        if (::fchownat(fd_.get(), path, entry.uid, entry.gid, AT_SYMLINK_NOFOLLOW) < 0)
            return failed("chown", entry.path);
        if (entry.kind != EntryKind::symlink && ::fchmodat(fd_.get(), path, entry.mode, 0) < 0)
            return failed("chmod", entry.path);
        const std::string full = full_path(entry.path);
        if (entry.opaque && ::lsetxattr(full.c_str(), opaque_mark_name(marks_), "y", 1, 0) < 0)
            return failed("set opaque", entry.path);
        for (const auto &[name, value] : entry.xattrs) {
            if (::lsetxattr(full.c_str(), name.c_str(), value.data(), value.size(), 0) < 0)
                return failed("setxattr", entry.path);
        }
        return {};
    }

    [[nodiscard]] Result<void> set_time(const std::string &path)
    {
        const std::int64_t t = fixed_time_ns(index_, path);
        const struct timespec times[2] = {{t / ns_per_sec, t % ns_per_sec},
                                          {t / ns_per_sec, t % ns_per_sec}};
        if (::utimensat(fd_.get(), path.c_str(), times, AT_SYMLINK_NOFOLLOW) < 0)
            return failed("utimes", path);
        return {};
    }
};

[[nodiscard]] Result<UniqueFd> open_dir(const std::string &dir)
{
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        return Error{Failure::System, "open " + dir + ": " + std::strerror(errno), errno};
    return fd;
}

} // namespace

std::int64_t fixed_time_ns(std::size_t layer_index, const std::string &path)
{
    probe::Fnv1a hash;
    hash.update(path);
    const std::uint64_t h = hash.value() ^ (layer_index * 0x9e3779b97f4a7c15ULL);
    // Somewhere in 2001..2033, to the nanosecond.
    const auto sec = 1000000000 + static_cast<std::int64_t>(h % 1000000000);
    return sec * ns_per_sec + static_cast<std::int64_t>((h >> 32) % ns_per_sec);
}

Result<void> build_layer(const std::string &dir, const Layer &layer, std::size_t layer_index,
                         Marks marks)
{
    auto fd = open_dir(dir);
    if (!fd)
        return fd.error();
    return LayerBuilder(dir, std::move(fd).value(), layer_index, marks).build(layer);
}

Result<void> set_fixed_root_time(const std::string &dir, std::size_t layer_index)
{
    return build_layer(dir, Layer{}, layer_index, Marks::trusted);
}

} // namespace strata::difftest
