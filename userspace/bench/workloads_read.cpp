// SPDX-License-Identifier: GPL-2.0-only
//
// Read-side rows: stat and negative lookups, open, reads and mmap, readdir
// and the whole-tree walk. Warm rows run on tmpfs after the warm-up batch
// filled the caches; cold rows on ext4 with caches dropped before each batch.
#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_paths.h"
#include "dents.h"
#include "image_walk.h"
#include "unique_fd.h"
#include "workload.h"

namespace strata::bench {
namespace {

constexpr std::size_t warm_passes = 4; // warm batches go over their targets this often
constexpr std::size_t dents_buffer = 32 << 10;
constexpr std::uint64_t KiB = 1024, MiB = 1024 * KiB;

[[nodiscard]] std::vector<std::string> names(std::size_t n, std::string (*path)(std::size_t))
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; i++)
        out.push_back(path(i));
    return out;
}

// Cold rows need ext4: tmpfs pins its dentries (backing.h).
[[nodiscard]] Workload row(std::string name, std::string variant, bool cold, std::size_t batch)
{
    Workload w = make_row(std::move(name), cold ? Backing::ext4 : Backing::tmpfs, cold ? "cold" : "warm", batch);
    w.variant = std::move(variant);
    return w;
}

// lstat of each name in turn; absent: every lookup must fail with ENOENT.
[[nodiscard]] BatchFn stat_fn(std::vector<std::string> targets, std::size_t batch, bool absent)
{
    return [=](const Target &t, std::size_t) {
        return timed(batch, absent ? "lookup of an absent name" : "lstat", [&](std::size_t i) {
            struct stat st {};
            const bool found =
                ::fstatat(t.root_fd, targets[i % targets.size()].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
            return absent ? !found && errno == ENOENT : found;
        });
    };
}

// open + close, with a 4 KiB read in between when read_bytes.
[[nodiscard]] BatchFn open_fn(std::vector<std::string> targets, std::size_t batch, bool read_bytes)
{
    return [=](const Target &t, std::size_t) {
        char buffer[4096];
        return timed(batch, "open", [&](std::size_t i) {
            const UniqueFd fd(::openat(t.root_fd, targets[i % targets.size()].c_str(), O_RDONLY | O_CLOEXEC));
            return fd.valid() && (!read_bytes || ::read(fd.get(), buffer, sizeof buffer) == sizeof buffer);
        });
    };
}

[[nodiscard]] Result<UniqueFd> open_blob(const Target &t)
{
    UniqueFd fd(::openat(t.root_fd, paths::blob().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return sys_error("open " + paths::blob());
    return fd;
}

// pread of size bytes at offsets spread over the blob (the same each batch).
[[nodiscard]] BatchFn pread_fn(std::uint64_t size, std::uint64_t blob, std::size_t batch)
{
    return [=](const Target &t, std::size_t) -> Result<double> {
        auto fd = open_blob(t);
        if (!fd)
            return fd.error();
        std::vector<char> buffer(size);
        const std::uint64_t slots = blob / size;
        return timed(batch, "pread", [&](std::size_t i) {
            const auto offset = static_cast<off_t>((i * 7919 % slots) * size);
            return ::pread(fd.value().get(), buffer.data(), size, offset) == static_cast<ssize_t>(size);
        });
    };
}

// Map a 1 MiB window of the blob, touch each page, unmap: page-fault cost.
[[nodiscard]] BatchFn mmap_fn(std::uint64_t blob, std::size_t batch)
{
    return [=](const Target &t, std::size_t) -> Result<double> {
        auto fd = open_blob(t);
        if (!fd)
            return fd.error();
        const std::uint64_t windows = blob / MiB;
        volatile char sink = 0;
        return timed(batch, "mmap", [&](std::size_t i) {
            void *map = ::mmap(nullptr, MiB, PROT_READ, MAP_SHARED, fd.value().get(),
                               static_cast<off_t>((i % windows) * MiB));
            if (map == MAP_FAILED)
                return false;
            const auto *bytes = static_cast<const char *>(map);
            for (std::uint64_t page = 0; page < MiB; page += 4 * KiB)
                sink = sink + bytes[page];
            return ::munmap(map, MiB) == 0;
        });
    };
}

// open + list + close; a listing of another length than the merged view's
// is an error, not a figure.
[[nodiscard]] BatchFn readdir_fn(std::vector<std::string> dirs, std::size_t batch, std::size_t expected)
{
    return [=](const Target &t, std::size_t) {
        return timed(batch, "readdir (or it listed the wrong number of entries)", [&](std::size_t i) {
            const UniqueFd fd(::openat(t.root_fd, dirs[i % dirs.size()].c_str(),
                                       O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!fd.valid())
                return false;
            std::size_t listed = 0;
            const int err = probe::for_each_dent(fd.get(), dents_buffer, [&](std::string_view name, auto, auto) {
                listed += name != "." && name != "..";
            });
            errno = err != 0 ? err : EBADMSG;
            return err == 0 && listed == expected;
        });
    };
}

[[nodiscard]] std::size_t visible_entries(std::size_t entries)
{
    return entries - entries / 10; // every tenth (i % 10 == 9) is whited out
}

void add_lookup_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    const std::size_t hot = plan.hot_files;
    for (const bool cold : {false, true}) {
        const std::size_t batch = cold ? hot : hot * warm_passes;
        for (const auto &[variant, path] : {std::pair{"shallow", &paths::hot_file},
                                            std::pair{"deep", &paths::deep_file}}) {
            Workload w = row("stat", variant, cold, batch);
            w.run = stat_fn(names(hot, path), batch, false);
            w.in_wall = std::string(variant) == "shallow";
            rows.push_back(std::move(w));
        }
        Workload neg = row("negative-lookup", "", cold, batch);
        neg.run = stat_fn(names(hot, &paths::absent_name), batch, true);
        neg.in_wall = cold;
        rows.push_back(std::move(neg));
        for (const bool read_bytes : {false, true}) {
            Workload w = row(read_bytes ? "open-read" : "open-close", "", cold, batch);
            w.run = open_fn(names(hot, &paths::hot_file), batch, read_bytes);
            w.in_wall = !cold && !read_bytes;
            rows.push_back(std::move(w));
        }
    }
}

void add_data_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    for (const auto &[size, batch] : {std::pair{4 * KiB, std::size_t{256}}, std::pair{MiB, std::size_t{16}}}) {
        Workload w = row("pread", "", false, batch);
        w.param_name = "size";
        w.param = size;
        w.run = pread_fn(size, plan.blob_size, batch);
        w.in_wall = size == 4 * KiB;
        rows.push_back(std::move(w));
    }
    Workload map = row("mmap-read", "", false, 16);
    map.run = mmap_fn(plan.blob_size, map.batch);
    rows.push_back(std::move(map));
}

void add_listing_rows(std::vector<Workload> &rows, const PlanOptions &plan, std::size_t image_entries)
{
    for (const std::size_t entries : plan.readdir_entries) {
        // Batches of about 4096 listed entries.
        Workload w = row("readdir", "", false, std::max<std::size_t>(4, 4096 / entries));
        w.param_name = "entries";
        w.param = entries;
        w.run = readdir_fn({paths::readdir_dir(entries)}, w.batch, visible_entries(entries));
        w.in_wall = entries == plan.readdir_entries.front();
        rows.push_back(std::move(w));
    }
    Workload cold = row("readdir", "", true, plan.cold_readdir_dirs);
    cold.param_name = "entries";
    cold.param = plan.cold_readdir_entries;
    cold.run = readdir_fn(names(plan.cold_readdir_dirs, &paths::cold_readdir_dir), cold.batch,
                          visible_entries(plan.cold_readdir_entries));
    rows.push_back(std::move(cold));
    for (const bool is_cold : {false, true}) {
        Workload walk = row("tree-walk", "", is_cold, 1);
        walk.param_name = "entries";
        walk.param = image_entries;
        walk.run = [image_entries](const Target &t, std::size_t) -> Result<double> {
            const std::uint64_t start = now_ns();
            auto seen = walk_image(t.root_fd);
            const auto took = static_cast<double>(now_ns() - start);
            if (!seen)
                return seen.error();
            if (seen.value() != image_entries)
                return Error{Failure::Software, "tree walk saw " + std::to_string(seen.value()) +
                             " entries, not " + std::to_string(image_entries), 0};
            return took;
        };
        rows.push_back(std::move(walk));
    }
}

// Copies up the slot's files (a chown: metadata only) and drops the caches,
// untimed; so the timed part meets copies that only their origin records
// number, in a directory marked impure. The bare contender just chowns.
[[nodiscard]] Result<void> copy_up_slot(const Target &t, const std::vector<std::string> &files)
{
    for (const std::string &file : files) {
        if (::fchownat(t.root_fd, file.c_str(), 1000, 1000, AT_SYMLINK_NOFOLLOW) < 0)
            return sys_error("chown (copy-up) " + file);
    }
    return drop_caches();
}

void add_copied_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    const std::size_t n = plan.copied_files;
    const auto files = [n](std::size_t slot) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < n; i++)
            out.push_back(paths::copied_file(slot, i));
        return out;
    };
    Workload stat = row("stat", "copied", true, n);
    stat.run = [files, n](const Target &t, std::size_t slot) -> Result<double> {
        const auto targets = files(slot);
        if (auto ready = copy_up_slot(t, targets); !ready)
            return ready.error();
        return stat_fn(targets, n, false)(t, slot);
    };
    stat.in_wall = true;
    rows.push_back(std::move(stat));
    Workload list = row("readdir", "copied", true, 1);
    list.param_name = "entries";
    list.param = n;
    list.run = [files, n](const Target &t, std::size_t slot) -> Result<double> {
        if (auto ready = copy_up_slot(t, files(slot)); !ready)
            return ready.error();
        return readdir_fn({paths::copied_dir(slot)}, 1, n)(t, slot);
    };
    list.in_wall = true;
    rows.push_back(std::move(list));
}

} // namespace

std::vector<Workload> read_workloads(const PlanOptions &plan, std::size_t image_entries)
{
    std::vector<Workload> rows;
    add_lookup_rows(rows, plan);
    add_data_rows(rows, plan);
    add_listing_rows(rows, plan, image_entries);
    add_copied_rows(rows, plan);
    return rows;
}

} // namespace strata::bench
