// SPDX-License-Identifier: GPL-2.0-only
#include "system.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spawn.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

namespace strata::bench {

std::uint64_t now_ns() noexcept
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ULL +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

Error sys_error(const std::string &what, int err)
{
    return Error{Failure::System, what + ": " + std::strerror(err), err};
}

namespace {

[[nodiscard]] Result<void> write_drop_caches(const char *value)
{
    std::ofstream out("/proc/sys/vm/drop_caches");
    out << value << "\n";
    out.close();
    if (!out)
        return sys_error("write /proc/sys/vm/drop_caches");
    return {};
}

} // namespace

Result<void> drop_caches()
{
    // 4 stops the kernel logging every drop (hundreds on the console).
    static const Result<void> quiet = write_drop_caches("4");
    if (!quiet)
        return quiet;
    ::sync();
    return write_drop_caches("3");
}

Result<std::uint64_t> meminfo_kib(const std::string &field)
{
    std::ifstream in("/proc/meminfo");
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with(field + ":"))
            return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10);
    }
    return Error{Failure::System, "no " + field + " in /proc/meminfo", 0};
}

Result<std::uint64_t> slab_bytes_in_use()
{
    std::ifstream in("/proc/slabinfo");
    if (!in)
        return sys_error("read /proc/slabinfo");
    std::uint64_t total = 0;
    for (std::string line; std::getline(in, line);) {
        // "name active_objs num_objs objsize ..."; the header lines fail to parse.
        std::istringstream fields(line);
        std::string name;
        std::uint64_t active = 0, count = 0, size = 0;
        if (fields >> name >> active >> count >> size)
            total += active * size;
    }
    return total;
}

std::string kernel_release()
{
    utsname u{};
    return ::uname(&u) == 0 ? u.release : "unknown";
}

unsigned online_cpus() noexcept
{
    const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<unsigned>(n) : 1;
}

bool filesystem_known(const std::string &type)
{
    std::ifstream in("/proc/filesystems");
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string last;
        for (std::string w; words >> w;)
            last = w;
        if (last == type)
            return true;
    }
    return false;
}

std::optional<std::string> find_program(const std::string &name)
{
    const char *path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = dir + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

Result<void> run_program(const std::vector<std::string> &argv)
{
    std::vector<char *> args;
    for (const std::string &a : argv)
        args.push_back(const_cast<char *>(a.c_str())); // posix_spawn's signature, not modified
    args.push_back(nullptr);
    pid_t pid = 0;
    if (const int err = ::posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ))
        return sys_error("run " + argv[0], err);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return sys_error("wait for " + argv[0]);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return Error{Failure::System, argv[0] + " failed (status " + std::to_string(status) + ")", 0};
    return {};
}

Result<void> make_dirs(const std::string &path)
{
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        return Error{Failure::System, "mkdir -p " + path + ": " + ec.message(), ec.value()};
    return {};
}

Result<void> remove_tree(const std::string &path)
{
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec)
        return Error{Failure::System, "rm -r " + path + ": " + ec.message(), ec.value()};
    return {};
}

} // namespace strata::bench
