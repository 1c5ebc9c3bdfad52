// SPDX-License-Identifier: GPL-2.0-only
//
// strata-probe: the checks of tests/func/ that busybox cannot make. Every
// subcommand prints a stable, line-oriented result on stdout, so a test can
// compare the union's answer with the same command run on a bare layer or on
// the kernel's overlay. Errors go to stderr as "strata-probe: WHAT: ERROR".
// Exit status: 0 success, 1 a check or a syscall failed, 2 usage.
#include <algorithm>
#include <chrono>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dents.h"
#include "fnv1a.h"
#include "probe_text.h"
#include "unique_fd.h"

namespace strata::probe {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

constexpr std::size_t io_chunk = 1 << 20;   // read-sum, pread, sendfile, splice
constexpr std::size_t dents_buffer = 32 << 10;
constexpr std::size_t small_dents_buffer = 4 << 10; // many calls per listing
constexpr std::size_t count_buffer = 1 << 20;

using Args = std::span<char *const>;
using ull = unsigned long long;

// One fprintf per message, so lines from several threads do not mix.
int report(const std::string &what, int err = errno)
{
    std::fprintf(stderr, "strata-probe: %s: %s\n", what.c_str(), std::strerror(err));
    return exit_failed;
}

int usage_error(const std::string &what)
{
    std::fprintf(stderr, "strata-probe: %s\n", what.c_str());
    return exit_usage;
}

[[nodiscard]] std::optional<UniqueFd> open_path(const char *path, int flags)
{
    UniqueFd fd(::open(path, flags | O_CLOEXEC));
    if (!fd.valid()) {
        report(std::string("open ") + path);
        return std::nullopt;
    }
    return fd;
}

[[nodiscard]] bool is_dot_or_dotdot(std::string_view name) noexcept
{
    return name == "." || name == "..";
}

struct Dent {
    std::string name;
    std::uint64_t ino = 0;
    unsigned char type = DT_UNKNOWN;
};

// Every entry of the directory fd, sorted by name (bytewise, as LC_ALL=C).
[[nodiscard]] std::optional<std::vector<Dent>> sorted_dents(int fd, const char *path)
{
    std::vector<Dent> dents;
    const int err = for_each_dent(fd, dents_buffer, [&](auto name, auto ino, auto type) {
        dents.push_back(Dent{std::string(name), ino, type});
    });
    if (err != 0) {
        report(std::string("getdents64 ") + path, err);
        return std::nullopt;
    }
    std::ranges::sort(dents, {}, &Dent::name);
    return dents;
}

int cmd_dents(Args args)
{
    const auto fd = open_path(args[0], O_RDONLY | O_DIRECTORY);
    const auto dents = fd ? sorted_dents(fd->get(), args[0]) : std::nullopt;
    if (!dents)
        return exit_failed;
    for (const Dent &d : *dents) {
        const std::string_view type = d_type_name(d.type);
        std::printf("%s %.*s\n", escape_name(d.name).c_str(), static_cast<int>(type.size()),
                    type.data());
    }
    return exit_ok;
}

int cmd_dents_ino(Args args)
{
    const auto fd = open_path(args[0], O_RDONLY | O_DIRECTORY);
    const auto dents = fd ? sorted_dents(fd->get(), args[0]) : std::nullopt;
    if (!dents)
        return exit_failed;
    for (const Dent &d : *dents)
        std::printf("%s %llu\n", escape_name(d.name).c_str(), static_cast<ull>(d.ino));
    int status = exit_ok;
    for (const Dent &d : *dents) {
        struct stat st {};
        if (is_dot_or_dotdot(d.name))
            continue;
        if (::fstatat(fd->get(), d.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0) {
            status = report(std::string("lstat ") + args[0] + "/" + d.name);
        } else if (st.st_ino != d.ino) {
            std::printf("MISMATCH %s %llu %llu\n", escape_name(d.name).c_str(),
                        static_cast<ull>(d.ino), static_cast<ull>(st.st_ino));
            status = exit_failed;
        }
    }
    return status;
}

struct CloseDir {
    void operator()(DIR *dir) const noexcept { ::closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, CloseDir>;

// The next name readdir returns: "" at the end (no entry has an empty name),
// nullopt on error (reported).
[[nodiscard]] std::optional<std::string> next_name(DIR *dir, const char *path)
{
    errno = 0;
    const struct dirent *d = ::readdir(dir);
    if (d)
        return std::string(d->d_name);
    if (errno == 0)
        return std::string();
    report(std::string("readdir ") + path);
    return std::nullopt;
}

// Every index below n once, far from sequential: reversed, then every third
// from 0, from 1 and from 2.
[[nodiscard]] std::vector<std::size_t> shuffled_order(std::size_t n)
{
    std::vector<std::size_t> order;
    for (std::size_t i = n; i-- > 0;)
        order.push_back(i);
    for (std::size_t start = 0; start < 3; start++) {
        for (std::size_t i = start; i < n; i += 3)
            order.push_back(i);
    }
    return order;
}

int cmd_seekdir(Args args)
{
    const char *path = args[0];
    const DirHandle dir(::opendir(path));
    if (!dir)
        return report(std::string("opendir ") + path);
    std::vector<long> positions; // positions[i]: telldir() just before names[i] was read
    std::vector<std::string> names; // ends with "", the end of the directory
    do {
        positions.push_back(::telldir(dir.get()));
        auto name = next_name(dir.get(), path);
        if (!name)
            return exit_failed;
        names.push_back(std::move(*name));
    } while (!names.back().empty());

    // Reads the next name and compares it with names[i]; prints a mismatch.
    const auto next_is = [&](const char *how, std::size_t i) -> std::optional<bool> {
        const auto got = next_name(dir.get(), path);
        if (!got)
            return std::nullopt;
        if (*got == names[i])
            return true;
        const auto show = [](const std::string &s) { return s.empty() ? "<end>" : escape_name(s); };
        std::printf("MISMATCH %s %zu expected %s got %s\n", how, i, show(names[i]).c_str(),
                    show(*got).c_str());
        return false;
    };
    for (const std::size_t i : shuffled_order(names.size())) { // the end position too
        ::seekdir(dir.get(), positions[i]);
        if (const auto same = next_is("seekdir", i); !same || !*same)
            return exit_failed;
    }
    ::rewinddir(dir.get());
    for (std::size_t i = 0; i < names.size(); i++) {
        if (const auto same = next_is("rewinddir", i); !same || !*same)
            return exit_failed;
    }
    std::printf("ok %zu\n", names.size() - 1);
    return exit_ok;
}

// A directory's names, sorted, from one full getdents64 pass on a fresh fd.
[[nodiscard]] std::optional<std::vector<std::string>> sorted_names(const char *path)
{
    const auto fd = open_path(path, O_RDONLY | O_DIRECTORY);
    if (!fd)
        return std::nullopt;
    std::vector<std::string> names;
    const int err = for_each_dent(fd->get(), small_dents_buffer,
                                  [&](auto name, auto, auto) { names.emplace_back(name); });
    if (err != 0) {
        report(std::string("getdents64 ") + path, err);
        return std::nullopt;
    }
    std::ranges::sort(names);
    return names;
}

// What is wrong with a sorted listing next to the expected one; "" if nothing.
[[nodiscard]] std::string listing_problem(const std::vector<std::string> &got,
                                          const std::vector<std::string> &want)
{
    if (const auto dup = std::ranges::adjacent_find(got); dup != got.end())
        return "DUPLICATE " + escape_name(*dup);
    if (got == want)
        return {};
    std::vector<std::string> missing, extra;
    std::ranges::set_difference(want, got, std::back_inserter(missing));
    std::ranges::set_difference(got, want, std::back_inserter(extra));
    const auto first = [](const auto &v) { return v.empty() ? "-" : escape_name(v.front()); };
    return "DIFFER " + std::to_string(got.size()) + " entries, expected " +
           std::to_string(want.size()) + ", missing " + first(missing) + ", extra " +
           first(extra);
}

int cmd_readdir_concurrent(Args args)
{
    const char *path = args[0];
    const auto threads = parse_number(args[1]);
    const auto rounds = parse_number(args[2]);
    if (!threads || *threads < 1 || *threads > 1024 || !rounds || *rounds < 1 ||
        *rounds > 1000000)
        return usage_error("THREADS must be 1..1024 and ROUNDS 1..1000000");
    const auto reference = sorted_names(path);
    if (!reference)
        return exit_failed;
    if (const std::string problem = listing_problem(*reference, *reference); !problem.empty()) {
        std::printf("first listing: %s\n", problem.c_str());
        return exit_failed;
    }

    // problems[t]: thread t's, in round order; each thread writes only its own.
    std::vector<std::vector<std::string>> problems(*threads);
    {
        std::vector<std::jthread> workers;
        for (std::uint64_t t = 0; t < *threads; t++) {
            workers.emplace_back([&, t] {
                for (std::uint64_t r = 0; r < *rounds; r++) {
                    const auto names = sorted_names(path);
                    const std::string problem =
                        names ? listing_problem(*names, *reference) : "ERROR (stderr)";
                    if (!problem.empty())
                        problems[t].push_back("thread " + std::to_string(t) + " round " +
                                              std::to_string(r) + ": " + problem);
                }
            });
        }
    } // the jthreads join here
    constexpr std::size_t shown = 20;
    std::size_t failures = 0;
    for (const auto &thread_problems : problems) {
        for (const std::string &problem : thread_problems) {
            if (failures++ < shown)
                std::printf("%s\n", problem.c_str());
        }
    }
    if (failures > shown)
        std::printf("and %zu more\n", failures - shown);
    if (failures > 0)
        return exit_failed;
    std::printf("ok %llu listings of %zu entries\n", static_cast<ull>(*threads * *rounds),
                reference->size());
    return exit_ok;
}

int cmd_count(Args args)
{
    const auto fd = open_path(args[0], O_RDONLY | O_DIRECTORY);
    if (!fd)
        return exit_failed;
    std::unordered_set<std::string> seen;
    seen.reserve(1 << 17);
    std::uint64_t count = 0;
    bool duplicate = false;
    const int err = for_each_dent(fd->get(), count_buffer, [&](auto name, auto, auto) {
        if (!seen.emplace(name).second) {
            std::printf("DUPLICATE %s\n", escape_name(name).c_str());
            duplicate = true;
        }
        count += is_dot_or_dotdot(name) ? 0 : 1;
    });
    if (err != 0)
        return report(std::string("getdents64 ") + args[0], err);
    if (duplicate)
        return exit_failed;
    std::printf("%llu\n", static_cast<ull>(count));
    return exit_ok;
}

// A cgroup file's number (memory.current); nullopt if it cannot be read.
[[nodiscard]] std::optional<std::uint64_t> read_cgroup_number(const std::string &path)
{
    const auto fd = open_path(path.c_str(), O_RDONLY);
    if (!fd)
        return std::nullopt;
    char text[64];
    const ssize_t n = ::read(fd->get(), text, sizeof(text) - 1);
    if (n <= 0) {
        report("read " + path);
        return std::nullopt;
    }
    std::string_view value(text, static_cast<std::size_t>(n));
    while (!value.empty() && value.back() == '\n')
        value.remove_suffix(1);
    return parse_number(value);
}

// Joins the memory cgroup CGROUP, then reads DIR to its end through one
// open file and prints what the cgroup was charged meanwhile, the file
// still open: the kernel memory one open directory holds.
int cmd_dir_charge(Args args)
{
    const std::string cgroup = args[1];
    {
        const auto procs = open_path((cgroup + "/cgroup.procs").c_str(), O_WRONLY);
        const std::string pid = std::to_string(::getpid());
        if (!procs)
            return exit_failed;
        if (::write(procs->get(), pid.data(), pid.size()) < 0)
            return report("join " + cgroup);
    }
    // The buffer is allocated and touched before the first reading.
    const auto buffer = std::make_unique<char[]>(small_dents_buffer);
    const auto before = read_cgroup_number(cgroup + "/memory.current");
    const auto start = std::chrono::steady_clock::now();
    const auto fd = open_path(args[0], O_RDONLY | O_DIRECTORY);
    if (!before || !fd)
        return exit_failed;
    std::uint64_t count = 0;
    const int err = for_each_dent(fd->get(), std::span<char>(buffer.get(), small_dents_buffer),
                                  [&](auto, auto, auto) { count++; });
    if (err != 0)
        return report(std::string("getdents64 ") + args[0], err);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const auto after = read_cgroup_number(cgroup + "/memory.current");
    if (!after)
        return exit_failed;
    std::printf("entries %llu charged %lld ms %lld\n", static_cast<ull>(count),
                static_cast<long long>(*after) - static_cast<long long>(*before),
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
    return exit_ok;
}

// COUNT hard links to FILE in DIR, named PREFIX0 .. PREFIX(COUNT-1): a large
// directory without as many inodes.
int cmd_link_many(Args args)
{
    const auto count = parse_number(args[3]);
    if (!count)
        return usage_error(std::string("not a count: ") + args[3]);
    const std::string prefix = std::string(args[1]) + "/" + args[2];
    for (std::uint64_t i = 0; i < *count; i++) {
        const std::string name = prefix + std::to_string(i);
        if (::link(args[0], name.c_str()) != 0)
            return report("link " + name);
    }
    return exit_ok;
}

void print_sum(const Fnv1a &sum)
{
    std::printf("%llu %016llx\n", static_cast<ull>(sum.size()), static_cast<ull>(sum.value()));
}

struct Unmap {
    std::size_t length;
    void operator()(void *addr) const noexcept { ::munmap(addr, length); }
};

// Maps FILE, closes the fd, and sums the bytes through the mapping alone.
int cmd_mmap_sum(Args args)
{
    auto fd = open_path(args[0], O_RDONLY);
    struct stat st {};
    if (!fd)
        return exit_failed;
    if (::fstat(fd->get(), &st) < 0)
        return report(std::string("fstat ") + args[0]);
    Fnv1a sum;
    if (st.st_size > 0) { // mmap of length 0 is EINVAL
        const auto length = static_cast<std::size_t>(st.st_size);
        void *addr = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd->get(), 0);
        if (addr == MAP_FAILED)
            return report(std::string("mmap ") + args[0]);
        const std::unique_ptr<void, Unmap> mapping(addr, Unmap{length});
        fd->reset();
        sum.update(static_cast<const unsigned char *>(mapping.get()), length);
    }
    print_sum(sum);
    return exit_ok;
}

// Sums up to max_len bytes from the file at offset, by pread; or, with a
// negative offset, from the file position by read. Stops early at EOF.
int print_read_sum(const char *path, off_t offset, std::uint64_t max_len)
{
    const auto fd = open_path(path, O_RDONLY);
    if (!fd)
        return exit_failed;
    const auto buffer = std::make_unique_for_overwrite<unsigned char[]>(io_chunk);
    Fnv1a sum;
    while (sum.size() < max_len) {
        const auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(io_chunk, max_len - sum.size()));
        const off_t at = offset + static_cast<off_t>(sum.size());
        const ssize_t n = offset < 0 ? ::read(fd->get(), buffer.get(), want)
                                     : ::pread(fd->get(), buffer.get(), want, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return report(std::string(offset < 0 ? "read " : "pread ") + path);
        if (n == 0)
            break;
        sum.update(buffer.get(), static_cast<std::size_t>(n));
    }
    print_sum(sum);
    return exit_ok;
}

int cmd_read_sum(Args args)
{
    return print_read_sum(args[0], -1, UINT64_MAX);
}

int cmd_pread(Args args)
{
    const auto offset = parse_number(args[1]);
    const auto length = parse_number(args[2]);
    if (!offset || *offset > INT64_MAX || !length)
        return usage_error("OFFSET and LEN must be decimal numbers");
    return print_read_sum(args[0], static_cast<off_t>(*offset), *length);
}

int cmd_seek_data(Args args)
{
    const auto fd = open_path(args[0], O_RDONLY);
    struct stat st {};
    if (!fd)
        return exit_failed;
    if (::fstat(fd->get(), &st) < 0)
        return report(std::string("fstat ") + args[0]);
    for (off_t pos = 0;;) {
        const off_t data = ::lseek(fd->get(), pos, SEEK_DATA);
        if (data < 0 && errno == ENXIO) // no data at or after pos
            break;
        if (data < 0)
            return report("lseek SEEK_DATA " + std::to_string(pos) + " " + args[0]);
        const off_t hole = ::lseek(fd->get(), data, SEEK_HOLE);
        if (hole < 0)
            return report("lseek SEEK_HOLE " + std::to_string(data) + " " + args[0]);
        std::printf("data %lld %lld\n", static_cast<long long>(data), static_cast<long long>(hole));
        if (hole <= data)
            return report("SEEK_HOLE did not move past " + std::to_string(data), EIO);
        pos = hole;
    }
    std::printf("end %lld\n", static_cast<long long>(st.st_size));
    return exit_ok;
}

// Sums what transfer(file_fd, pipe_fd) moves into a pipe that a second
// thread drains; transfer returns the bytes moved, 0 at EOF, -1 on error.
template <typename Transfer>
int print_pipe_sum(const char *path, const char *call, Transfer &&transfer)
{
    const auto file = open_path(path, O_RDONLY);
    int fds[2];
    if (!file)
        return exit_failed;
    if (::pipe2(fds, O_CLOEXEC) < 0)
        return report("pipe2");
    UniqueFd read_end(fds[0]);
    UniqueFd write_end(fds[1]);
    Fnv1a sum;
    int send_err = 0;
    int read_err = 0;
    {
        const std::jthread drain([&] {
            const auto buffer = std::make_unique_for_overwrite<unsigned char[]>(io_chunk);
            for (;;) {
                const ssize_t n = ::read(read_end.get(), buffer.get(), io_chunk);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    read_err = n < 0 ? errno : 0;
                    break;
                }
                sum.update(buffer.get(), static_cast<std::size_t>(n));
            }
            read_end.reset(); // a sender still writing gets EPIPE, not a hang
        });
        for (;;) {
            const ssize_t n = transfer(file->get(), write_end.get());
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                send_err = n < 0 ? errno : 0;
                break;
            }
        }
        write_end.reset(); // EOF for the drain
    } // the drain joins here
    if (send_err != 0)
        return report(std::string(call) + " " + path, send_err);
    if (read_err != 0)
        return report("read pipe", read_err);
    print_sum(sum);
    return exit_ok;
}

int cmd_sendfile(Args args)
{
    return print_pipe_sum(args[0], "sendfile", [](int in, int out) {
        return ::sendfile(out, in, nullptr, io_chunk); // from the file position
    });
}

int cmd_splice(Args args)
{
    loff_t offset = 0;
    return print_pipe_sum(args[0], "splice", [&offset](int in, int out) {
        return ::splice(in, &offset, out, nullptr, io_chunk, SPLICE_F_MOVE);
    });
}

int cmd_fadvise(Args args)
{
    static constexpr std::pair<const char *, int> advice[] = {
        {"WILLNEED", POSIX_FADV_WILLNEED},
        {"SEQUENTIAL", POSIX_FADV_SEQUENTIAL},
        {"DONTNEED", POSIX_FADV_DONTNEED},
    };
    const auto fd = open_path(args[0], O_RDONLY);
    if (!fd)
        return exit_failed;
    for (const auto &[name, value] : advice) {
        if (const int err = ::posix_fadvise(fd->get(), 0, 0, value); err != 0)
            return report(std::string("posix_fadvise ") + name + " " + args[0], err);
    }
    std::printf("ok\n");
    return exit_ok;
}

int cmd_stat_ino(Args args)
{
    int status = exit_ok;
    for (const char *path : args) {
        struct stat st {};
        if (::lstat(path, &st) < 0) {
            status = report(std::string("lstat ") + path);
            continue;
        }
        std::printf("%s %llu %llu %llu\n", path, static_cast<ull>(st.st_dev),
                    static_cast<ull>(st.st_ino), static_cast<ull>(st.st_nlink));
    }
    return status;
}

// THREADS threads stat PATH... over and over for SECONDS: path walks in
// RCU mode, thousands a second, where a shell loop forks a stat(1) for each.
// Prints the number of calls, and the first failures.
int cmd_stat_loop(Args args)
{
    const auto seconds = parse_number(args[0]);
    const auto threads = parse_number(args[1]);
    if (!seconds || *seconds < 1 || *seconds > 86400 || !threads || *threads < 1 ||
        *threads > 64)
        return usage_error("SECONDS must be 1..86400 and THREADS 1..64");
    const Args paths = args.subspan(2);
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(*seconds);
    // calls[t] and failures[t]: thread t's; each thread writes only its own.
    std::vector<std::uint64_t> calls(*threads);
    std::vector<std::vector<std::string>> failures(*threads);
    {
        std::vector<std::jthread> workers;
        for (std::uint64_t t = 0; t < *threads; t++) {
            workers.emplace_back([&, t] {
                while (std::chrono::steady_clock::now() < end) {
                    for (const char *path : paths) {
                        struct stat st {};
                        calls[t]++;
                        if (::stat(path, &st) < 0 && failures[t].size() < 5)
                            failures[t].push_back(std::string(path) + ": " +
                                                  errno_name(errno));
                    }
                }
            });
        }
    } // the jthreads join here
    std::uint64_t total = 0;
    int status = exit_ok;
    for (std::uint64_t t = 0; t < *threads; t++) {
        total += calls[t];
        for (const std::string &failure : failures[t]) {
            std::printf("failed: %s\n", failure.c_str());
            status = exit_failed;
        }
    }
    std::printf("%llu stat calls\n", static_cast<ull>(total));
    return status;
}

int cmd_open_err(Args args)
{
    const auto flags = parse_open_flags(args[1]);
    if (!flags)
        return usage_error(std::string("unknown open flag in '") + args[1] + "'");
    const UniqueFd fd(::open(args[0], *flags | O_CLOEXEC, 0644));
    std::printf("%s\n", fd.valid() ? "ok" : errno_name(errno).c_str());
    return exit_ok;
}

// Prints "ok" or the errno name of a syscall's result: the answer tests
// compare between strata and overlay.
int print_result(int ret)
{
    std::printf("%s\n", ret >= 0 ? "ok" : errno_name(errno).c_str());
    return exit_ok;
}

// Opens FILE in the other mode, switches it to MODE with fcntl(F_SETFL),
// then reads one byte at offset 1 into an unaligned buffer: direct I/O
// refuses that (EINVAL) where buffered I/O reads it. Prints ok or the errno.
int cmd_setfl_read(Args args)
{
    const std::string_view mode = args[1];
    if (mode != "direct" && mode != "buffered")
        return usage_error("MODE is direct or buffered");
    const bool direct = mode == "direct";
    const UniqueFd fd(::open(args[0], O_RDONLY | O_CLOEXEC | (direct ? 0 : O_DIRECT)));
    if (!fd.valid())
        return print_result(-1);
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, direct ? flags | O_DIRECT : flags & ~O_DIRECT) < 0)
        return print_result(-1);
    alignas(4096) static char buf[8192];
    return print_result(static_cast<int>(::pread(fd.get(), buf + 1, 1, 1)));
}

int cmd_rename(Args args)
{
    constexpr std::pair<std::string_view, unsigned> rename_flags[] = {
        {"none", 0},
        {"noreplace", RENAME_NOREPLACE},
        {"exchange", RENAME_EXCHANGE},
        {"whiteout", RENAME_WHITEOUT},
    };
    const std::string_view want = args.size() > 2 ? args[2] : "none";
    const auto *flag = std::ranges::find(rename_flags, want,
                                         &std::pair<std::string_view, unsigned>::first);
    if (flag == std::end(rename_flags))
        return usage_error(std::string("unknown rename flag '") + args[2] + "'");
    return print_result(::renameat2(AT_FDCWD, args[0], AT_FDCWD, args[1], flag->second));
}

// Opens SRC for reading and DST for writing; the copy commands' preamble.
std::optional<std::pair<UniqueFd, UniqueFd>> open_pair(Args args)
{
    UniqueFd in(::open(args[0], O_RDONLY | O_CLOEXEC));
    UniqueFd out(::open(args[1], O_WRONLY | O_CLOEXEC));
    if (!in.valid() || !out.valid()) {
        print_result(-1);
        return std::nullopt;
    }
    return std::pair{std::move(in), std::move(out)};
}

int cmd_ficlone(Args args)
{
    const auto fds = open_pair(args);
    return fds ? print_result(::ioctl(fds->second.get(), FICLONE, fds->first.get())) : exit_ok;
}

int cmd_copy_range(Args args)
{
    const auto fds = open_pair(args);
    if (!fds)
        return exit_ok;
    struct stat st {};
    if (::fstat(fds->first.get(), &st) < 0)
        return report(std::string("fstat ") + args[0]);
    return print_result(static_cast<int>(::copy_file_range(
        fds->first.get(), nullptr, fds->second.get(), nullptr,
        static_cast<std::size_t>(st.st_size), 0)));
}

int cmd_fallocate(Args args)
{
    const auto offset = parse_number(args[1]);
    const auto len = parse_number(args[2]);
    if (!offset || !len)
        return usage_error("OFFSET and LEN must be numbers");
    const UniqueFd fd(::open(args[0], O_WRONLY | O_CLOEXEC));
    if (!fd.valid())
        return print_result(-1);
    return print_result(::fallocate(fd.get(), 0, static_cast<off_t>(*offset),
                                    static_cast<off_t>(*len)));
}

// mount(2) of FSTYPE with OPTIONS as its data on TARGET, no source: the
// kernel's errno itself, which mount(8) does not show.
int cmd_mount_err(Args args)
{
    // The raw syscall: <sys/mount.h> clashes with <linux/fs.h> here.
    return print_result(static_cast<int>(
        ::syscall(SYS_mount, "none", args[2], args[0], 0UL, args[1])));
}

// A remount of TARGET read-only or read-write with no options: the
// kernel's errno itself (mount(8) turns EROFS into prose).
int cmd_remount_err(Args args)
{
    const std::string_view mode = args[1];
    if (mode != "ro" && mode != "rw")
        return usage_error("MODE is ro or rw");
    const unsigned long flags = MS_REMOUNT | (mode == "ro" ? MS_RDONLY : 0UL);
    return print_result(static_cast<int>(
        ::syscall(SYS_mount, "none", args[0], nullptr, flags, nullptr)));
}

// Writes TEXT at offset 0 of FILE and makes it durable the way HOW says:
// fsync (write, then fsync), osync (created if missing, opened O_SYNC) or
// msync (a shared mapping of an existing file, then msync). Each reaches
// the real filesystem's own sync path through the union.
int cmd_write_sync(Args args)
{
    const std::string_view how = args[2];
    const std::string_view text = args[1];
    int flags = O_WRONLY | O_CLOEXEC;
    if (how == "osync")
        flags |= O_CREAT | O_SYNC;
    else if (how == "msync")
        flags = O_RDWR | O_CLOEXEC;
    else if (how != "fsync")
        return usage_error("HOW is fsync, osync or msync");
    const UniqueFd fd(::open(args[0], flags, 0644));
    if (!fd.valid())
        return print_result(-1);
    if (how == "msync") {
        void *addr = ::mmap(nullptr, text.size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
        if (addr == MAP_FAILED)
            return print_result(-1);
        std::memcpy(addr, text.data(), text.size());
        const int ret = ::msync(addr, text.size(), MS_SYNC);
        ::munmap(addr, text.size());
        return print_result(ret);
    }
    if (::pwrite(fd.get(), text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
        return print_result(-1);
    return print_result(how == "fsync" ? ::fsync(fd.get()) : 0);
}

// Reads FILE with Linux AIO ROUNDS times, closing the fd while each read is
// in flight: the kernel must keep the file alive until the I/O completes.
int cmd_aio_close(Args args)
{
    const auto rounds = parse_number(args[1]);
    if (!rounds)
        return usage_error("ROUNDS must be a number");
    aio_context_t ctx = 0;
    if (::syscall(SYS_io_setup, 8, &ctx) < 0)
        return report("io_setup");
    std::vector<char> buffer(1 << 20);
    int status = exit_ok;
    for (std::uint64_t i = 0; i < *rounds && status == exit_ok; ++i) {
        const int fd = ::open(args[0], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            status = report(std::string("open ") + args[0]);
            break;
        }
        iocb cb {};
        cb.aio_fildes = static_cast<std::uint32_t>(fd);
        cb.aio_lio_opcode = IOCB_CMD_PREAD;
        cb.aio_buf = reinterpret_cast<std::uint64_t>(buffer.data());
        cb.aio_nbytes = buffer.size();
        iocb *list[] = {&cb};
        const long submitted = ::syscall(SYS_io_submit, ctx, 1, list);
        ::close(fd);
        if (submitted != 1) {
            status = report("io_submit");
            break;
        }
        io_event event {};
        if (::syscall(SYS_io_getevents, ctx, 1, 1, &event, nullptr) != 1)
            status = report("io_getevents");
        else if (event.res < 0)
            status = report("aio read", static_cast<int>(-event.res));
    }
    ::syscall(SYS_io_destroy, ctx);
    if (status == exit_ok)
        std::printf("ok\n");
    return status;
}

// Runs COMMAND with fsopen() answering ENOSYS, as under a seccomp profile
// that predates the new mount API: what mount.strata falls back from.
int cmd_no_fsopen(Args args)
{
    sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_fsopen, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    const sock_fprog program{static_cast<unsigned short>(std::size(filter)), filter};
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return report("prctl no_new_privs");
    if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) < 0)
        return report("prctl seccomp");
    ::execvp(args[0], args.data());
    return report(std::string("exec ") + args[0]);
}

struct Command {
    std::string_view name;
    std::size_t min_args;
    std::size_t max_args;
    const char *usage;
    int (*run)(Args);
};

constexpr Command commands[] = {
    {"dents", 1, 1, "DIR", cmd_dents},
    {"dents-ino", 1, 1, "DIR", cmd_dents_ino},
    {"seekdir", 1, 1, "DIR", cmd_seekdir},
    {"readdir-concurrent", 3, 3, "DIR THREADS ROUNDS", cmd_readdir_concurrent},
    {"count", 1, 1, "DIR", cmd_count},
    {"dir-charge", 2, 2, "DIR CGROUP", cmd_dir_charge},
    {"link-many", 4, 4, "FILE DIR PREFIX COUNT", cmd_link_many},
    {"mmap-sum", 1, 1, "FILE", cmd_mmap_sum},
    {"read-sum", 1, 1, "FILE", cmd_read_sum},
    {"pread", 3, 3, "FILE OFFSET LEN", cmd_pread},
    {"seek-data", 1, 1, "FILE", cmd_seek_data},
    {"setfl-read", 2, 2, "FILE direct|buffered", cmd_setfl_read},
    {"sendfile", 1, 1, "FILE", cmd_sendfile},
    {"splice", 1, 1, "FILE", cmd_splice},
    {"fadvise", 1, 1, "FILE", cmd_fadvise},
    {"stat-ino", 1, SIZE_MAX, "PATH...", cmd_stat_ino},
    {"stat-loop", 3, SIZE_MAX, "SECONDS THREADS PATH...", cmd_stat_loop},
    {"open-err", 2, 2, "PATH O_FLAG[|O_FLAG...]", cmd_open_err},
    {"rename", 2, 3, "OLD NEW [none|noreplace|exchange|whiteout]", cmd_rename},
    {"ficlone", 2, 2, "SRC DST", cmd_ficlone},
    {"copy-range", 2, 2, "SRC DST", cmd_copy_range},
    {"fallocate", 3, 3, "FILE OFFSET LEN", cmd_fallocate},
    {"mount-err", 3, 3, "FSTYPE OPTIONS TARGET", cmd_mount_err},
    {"remount-err", 2, 2, "TARGET ro|rw", cmd_remount_err},
    {"write-sync", 3, 3, "FILE TEXT fsync|osync|msync", cmd_write_sync},
    {"aio-close", 2, 2, "FILE ROUNDS", cmd_aio_close},
    {"no-fsopen", 1, SIZE_MAX, "COMMAND [ARG...]", cmd_no_fsopen},
};

void print_usage(std::FILE *out)
{
    std::fprintf(out, "usage:\n");
    for (const Command &c : commands)
        std::fprintf(out, "  strata-probe %s %s\n", c.name.data(), c.usage);
}

int run(std::span<char *const> argv)
{
    const std::string_view name = argv.size() >= 2 ? argv[1] : "";
    if (argv.size() == 2 && (name == "-h" || name == "--help")) {
        print_usage(stdout);
        return exit_ok;
    }
    const auto *command = std::ranges::find(commands, name, &Command::name);
    if (command == std::end(commands)) {
        if (!name.empty())
            std::fprintf(stderr, "strata-probe: unknown command '%s'\n", argv[1]);
        print_usage(stderr);
        return exit_usage;
    }
    const Args args = argv.subspan(2);
    if (args.size() < command->min_args || args.size() > command->max_args)
        return usage_error(std::string("usage: strata-probe ") + argv[1] + " " + command->usage);
    const int status = command->run(args);
    if (std::fflush(stdout) != 0)
        return report("stdout");
    return status;
}

} // namespace
} // namespace strata::probe

int main(int argc, char **argv)
{
    // A closed stdout pipe is an error to report (EPIPE), not a reason to die.
    std::signal(SIGPIPE, SIG_IGN);
    return strata::probe::run(std::span<char *const>(argv, static_cast<std::size_t>(argc)));
}
