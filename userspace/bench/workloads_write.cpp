// SPDX-License-Identifier: GPL-2.0-only
//
// Write-side rows: the first write to a lower file (copy-up) against the
// copy floor, chown -R, and name churn in directories merged over every
// layer. Each batch works on its slot's own targets or fresh names.
#include <cerrno>

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "bench_paths.h"
#include "unique_fd.h"
#include "workload.h"

namespace strata::bench {
namespace {

constexpr std::size_t churn_batch = 64;
constexpr std::uint64_t MiB = 1 << 20;
constexpr uid_t chown_to = 1000;

// Write rows have no cache state: every batch changes the tree.
[[nodiscard]] Workload row(std::string name, std::size_t batch)
{
    return make_row(std::move(name), Backing::tmpfs, "-", batch);
}

// All of src into dst: copy_file_range where the kernel can (same
// filesystem), else sendfile (tmpfs lowers under an ext4 upper).
[[nodiscard]] bool copy_all(int src, int dst, std::uint64_t size)
{
    bool splice = false;
    for (std::uint64_t left = size; left > 0;) {
        ssize_t n = splice ? ::sendfile(dst, src, nullptr, left)
                           : ::copy_file_range(src, nullptr, dst, nullptr, left, 0);
        if (n < 0 && !splice && (errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP)) {
            splice = true;
            continue;
        }
        if (n <= 0)
            return false;
        left -= static_cast<std::uint64_t>(n);
    }
    return true;
}

[[nodiscard]] std::vector<std::string> copy_up_names(const CopyUpSet &set, std::size_t slot)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < set.files; i++)
        out.push_back(paths::copy_up_file(set.size, slot, i));
    return out;
}

// The union: open a lower file for writing and change its first byte.
[[nodiscard]] Result<double> first_write(const Target &t, const std::vector<std::string> &names)
{
    return timed(names.size(), "open for writing (copy-up)", [&](std::size_t i) {
        const UniqueFd fd(::openat(t.root_fd, names[i].c_str(), O_WRONLY | O_CLOEXEC));
        return fd.valid() && ::pwrite(fd.get(), "x", 1, 0) == 1;
    });
}

// The floor a copy-up cannot beat: the same bytes into a new file on the
// upper's filesystem, synced as copy-up syncs, then the same first write.
[[nodiscard]] Result<double> copy_floor(const Target &t, const std::vector<std::string> &names,
                                        std::uint64_t size)
{
    const std::string dir = t.upper + "/" + names.front().substr(0, names.front().rfind('/'));
    if (auto made = make_dirs(dir); !made)
        return made.error();
    const UniqueFd upper(::open(t.upper.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!upper.valid())
        return sys_error("open " + t.upper);
    return timed(names.size(), "copy floor", [&](std::size_t i) {
        const UniqueFd src(::openat(t.root_fd, names[i].c_str(), O_RDONLY | O_CLOEXEC));
        const UniqueFd dst(::openat(upper.get(), names[i].c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        return src.valid() && dst.valid() && copy_all(src.get(), dst.get(), size) &&
               ::fsync(dst.get()) == 0 && ::pwrite(dst.get(), "x", 1, 0) == 1;
    });
}

void add_copy_up_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    for (const CopyUpSet &set : plan.copy_up) {
        for (const Backing backing : {Backing::tmpfs, Backing::ext4_upper}) {
            Workload w = row("copy-up", set.files);
            w.backing = backing;
            w.param_name = "size";
            w.param = set.size;
            // An ext4 upper waits on fsync: wall clock only. Small tmpfs
            // rows also go to the wall suite, for fuse-overlayfs.
            w.in_icount = backing == Backing::tmpfs;
            w.in_wall = backing == Backing::ext4_upper || set.size <= MiB;
            w.run = [set](const Target &t, std::size_t slot) {
                const auto names = copy_up_names(set, slot);
                return t.who == Contender::bare ? copy_floor(t, names, set.size) : first_write(t, names);
            };
            // The copies are no use once measured; large ones would fill memory.
            w.cleanup = [size = set.size](const Target &t) {
                return remove_tree(t.upper + "/" + paths::copy_up_dir(size));
            };
            rows.push_back(std::move(w));
        }
    }
}

// Preorder, like chown -R: the tree's root, then each directory and its files.
[[nodiscard]] std::vector<std::string> chown_entries(const PlanOptions &plan, std::size_t slot)
{
    const std::string root = paths::chown_tree(slot);
    std::vector<std::string> out{root};
    for (std::size_t d = 0; d < plan.chown_dirs; d++) {
        out.push_back(fmt::format("{}/d{}", root, d));
        for (std::size_t f = 0; f < plan.chown_files; f++)
            out.push_back(fmt::format("{}/d{}/f{}", root, d, f));
    }
    return out;
}

void add_chown_row(std::vector<Workload> &rows, const PlanOptions &plan)
{
    Workload w = row("chown-r", chown_tree_entries(plan));
    w.param_name = "entries";
    w.param = w.batch;
    w.run = [plan](const Target &t, std::size_t slot) {
        const auto entries = chown_entries(plan, slot);
        return timed(entries.size(), "lchown", [&](std::size_t i) {
            return ::fchownat(t.root_fd, entries[i].c_str(), chown_to, chown_to, AT_SYMLINK_NOFOLLOW) == 0;
        });
    };
    rows.push_back(std::move(w));
}

[[nodiscard]] std::string fresh_name(const char *kind, std::size_t slot, std::size_t i)
{
    return fmt::format("{}/{}{}-{:03}", paths::churn_dir(), kind, slot, i);
}

void add_churn_rows(std::vector<Workload> &rows, const PlanOptions &plan)
{
    Workload create = row("create-unlink", churn_batch);
    create.in_wall = true;
    create.run = [](const Target &t, std::size_t slot) {
        return timed(churn_batch, "create or unlink", [&](std::size_t i) {
            const std::string name = fresh_name("c", slot, i);
            const UniqueFd fd(::openat(t.root_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
            return fd.valid() && ::unlinkat(t.root_fd, name.c_str(), 0) == 0;
        });
    };
    rows.push_back(std::move(create));

    Workload dirs = row("mkdir-rmdir", churn_batch);
    dirs.run = [](const Target &t, std::size_t slot) {
        return timed(churn_batch, "mkdir or rmdir", [&](std::size_t i) {
            const std::string name = fresh_name("d", slot, i);
            return ::mkdirat(t.root_fd, name.c_str(), 0755) == 0 &&
                   ::unlinkat(t.root_fd, name.c_str(), AT_REMOVEDIR) == 0;
        });
    };
    rows.push_back(std::move(dirs));

    // One file renamed from fresh name to fresh name: each rename looks the
    // new name up through every layer.
    Workload rename = row("rename", churn_batch);
    rename.run = [](const Target &t, std::size_t slot) -> Result<double> {
        const UniqueFd fd(::openat(t.root_fd, fresh_name("r", slot, 0).c_str(),
                                   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        if (!fd.valid())
            return sys_error("create " + fresh_name("r", slot, 0));
        auto took = timed(churn_batch, "rename", [&](std::size_t i) {
            return ::renameat(t.root_fd, fresh_name("r", slot, i).c_str(), t.root_fd,
                              fresh_name("r", slot, i + 1).c_str()) == 0;
        });
        if (took && ::unlinkat(t.root_fd, fresh_name("r", slot, churn_batch).c_str(), 0) < 0)
            return sys_error("unlink after renames");
        return took;
    };
    rows.push_back(std::move(rename));

    Workload whiteout = row("unlink-whiteout", plan.unlink_files);
    whiteout.run = [files = plan.unlink_files](const Target &t, std::size_t slot) {
        return timed(files, "unlink of a lower file", [&](std::size_t i) {
            return ::unlinkat(t.root_fd, paths::unlink_file(slot, i).c_str(), 0) == 0;
        });
    };
    rows.push_back(std::move(whiteout));
}

} // namespace

std::vector<Workload> write_workloads(const PlanOptions &plan)
{
    std::vector<Workload> rows;
    add_copy_up_rows(rows, plan);
    add_chown_row(rows, plan);
    add_churn_rows(rows, plan);
    return rows;
}

} // namespace strata::bench
