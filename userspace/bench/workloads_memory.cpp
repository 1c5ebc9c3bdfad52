// SPDX-License-Identifier: GPL-2.0-only
//
// Rows about the mount as a whole: how long mounting takes, how much slab
// each cached inode costs, whether two mounts of the same lowers share the
// page cache, and whether a second CPU slows the first down (wall only).
#include <atomic>
#include <latch>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_paths.h"
#include "image_walk.h"
#include "unique_fd.h"
#include "workload.h"

namespace strata::bench {
namespace {

constexpr std::size_t mounts_per_batch = 2;
constexpr std::size_t parallel_batch = 2048; // operations per thread
constexpr std::size_t read_chunk = 1 << 20;
// drop_caches frees dentries and inodes through RCU callbacks that run
// later; without a pause they would shrink the slab during the walk.
constexpr useconds_t rcu_settle_us = 200000;

[[nodiscard]] Workload mount_row()
{
    Workload w = make_row("mount", Backing::tmpfs, "-", mounts_per_batch);
    w.premounted = false;
    w.with_bare = false;
    w.in_wall = true;
    w.run = [](const Target &t, std::size_t) -> Result<double> {
        double total = 0;
        for (std::size_t i = 0; i < mounts_per_batch; i++) {
            const std::uint64_t start = now_ns();
            auto view = mount_view(*t.spec);
            total += static_cast<double>(now_ns() - start);
            if (!view)
                return view.error();
            if (auto gone = view.value().guard.unmount(); !gone)
                return gone.error();
        }
        return total;
    };
    return w;
}

[[nodiscard]] Result<std::int64_t> meminfo_delta(const std::string &field, std::uint64_t before)
{
    auto after = meminfo_kib(field);
    if (!after)
        return after.error();
    return (static_cast<std::int64_t>(after.value()) - static_cast<std::int64_t>(before)) * 1024;
}

// Caches were dropped before the batch: the walk brings every inode of the
// image into the cache, through the union and in the layers below it.
[[nodiscard]] Workload slab_row(std::size_t image_entries)
{
    Workload w = make_row("slab", Backing::ext4, "cold", image_entries);
    w.unit = "bytes/inode";
    w.param_name = "entries";
    w.param = image_entries;
    w.run = [](const Target &t, std::size_t) -> Result<double> {
        ::usleep(rcu_settle_us);
        auto before = slab_bytes_in_use();
        if (!before)
            return before.error();
        if (auto walked = walk_image(t.root_fd); !walked)
            return walked.error();
        auto after = slab_bytes_in_use();
        if (!after)
            return after.error();
        return static_cast<double>(after.value()) - static_cast<double>(before.value());
    };
    return w;
}

[[nodiscard]] Result<void> read_whole(int root_fd, std::uint64_t size)
{
    const UniqueFd fd(::openat(root_fd, paths::blob().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return sys_error("open " + paths::blob());
    std::vector<char> buffer(read_chunk);
    for (std::uint64_t done = 0; done < size;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n <= 0)
            return sys_error("read " + paths::blob());
        done += static_cast<std::uint64_t>(n);
    }
    return {};
}

// A second view of the same lowers with an upper of its own (an upper
// serves one mount); bare has one tree, read twice.
[[nodiscard]] Result<MountedView> second_view(const UnionSpec &spec)
{
    if (spec.who == Contender::bare)
        return mount_view(spec);
    UnionSpec other = spec;
    other.upper += "-2";
    other.work += "-2";
    other.target += "-2";
    for (const std::string &dir : {other.upper, other.work, other.target}) {
        if (auto made = make_dirs(dir); !made)
            return made.error();
    }
    return mount_view(other);
}

// Pages cached by reading the blob through two mounts, in file sizes:
// 1 when both share the layer's page cache, 2 or more when they do not.
[[nodiscard]] Workload page_cache_row(std::uint64_t blob)
{
    Workload w = make_row("page-cache-sharing", Backing::ext4, "cold", 1);
    w.unit = "x file size";
    w.run = [blob](const Target &t, std::size_t) -> Result<double> {
        auto other = second_view(*t.spec);
        if (!other)
            return other.error();
        const UniqueFd other_root(::open(other.value().root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        auto before = meminfo_kib("Cached");
        if (!other_root.valid() || !before)
            return sys_error("open the second view");
        for (const int root : {t.root_fd, other_root.get()}) {
            if (auto read = read_whole(root, blob); !read)
                return read.error();
        }
        auto delta = meminfo_delta("Cached", before.value());
        if (!delta)
            return delta.error();
        return static_cast<double>(delta.value()) / static_cast<double>(blob);
    };
    return w;
}

// threads threads doing the same warm operations on the same files at
// once; the batch's time is the slowest thread's, per operation of one
// thread, so perfect scaling keeps the figure flat.
[[nodiscard]] Result<double> run_parallel(const Target &t, unsigned threads, bool open_close,
                                          std::size_t hot)
{
    std::atomic<bool> failed = false;
    std::latch start(threads + 1);
    std::vector<std::jthread> workers;
    for (unsigned n = 0; n < threads; n++) {
        workers.emplace_back([&] {
            start.arrive_and_wait();
            for (std::size_t i = 0; i < parallel_batch; i++) {
                const std::string path = paths::hot_file(i % hot);
                struct stat st {};
                const bool ok = open_close
                                    ? UniqueFd(::openat(t.root_fd, path.c_str(), O_RDONLY | O_CLOEXEC)).valid()
                                    : ::fstatat(t.root_fd, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
                if (!ok)
                    failed = true;
            }
        });
    }
    start.arrive_and_wait();
    const std::uint64_t begin = now_ns();
    workers.clear(); // joins
    const auto took = static_cast<double>(now_ns() - begin);
    if (failed)
        return Error{Failure::System, "a parallel stat or open failed", 0};
    return took;
}

void add_parallel_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    for (const bool open_close : {false, true}) {
        for (const unsigned threads : {1U, 2U}) {
            Workload w = make_row("parallel", Backing::tmpfs, "warm", parallel_batch);
            w.variant = open_close ? "open-close" : "stat";
            w.param_name = "threads";
            w.param = threads;
            w.in_icount = false; // threads: the icount suite stays deterministic
            w.in_wall = true;
            w.run = [threads, open_close, hot = plan.hot_files](const Target &t, std::size_t) {
                return run_parallel(t, threads, open_close, hot);
            };
            rows.push_back(std::move(w));
        }
    }
}

} // namespace

std::vector<Workload> memory_workloads(const PlanOptions &plan, std::size_t image_entries)
{
    std::vector<Workload> rows{mount_row(), slab_row(image_entries), page_cache_row(plan.blob_size)};
    add_parallel_rows(rows, plan);
    return rows;
}

} // namespace strata::bench
