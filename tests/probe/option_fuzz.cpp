// SPDX-License-Identifier: GPL-2.0-only
//
// strata-optfuzz: random and malformed mount options for strata, through
// both mount APIs. The kernel must not crash (the harness judges the kernel
// log), and every refusal must explain itself: through fsconfig(), strata's
// refusals come with a message in the context's log.
//
//   strata-optfuzz SEED ROUNDS SCRATCH
//
// SCRATCH must be an empty directory on a filesystem with trusted xattrs
// (tmpfs). Prints one line per silent refusal and a summary; exits 1 when
// any refusal was silent, 2 on usage errors.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <climits>

#include <fcntl.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "unique_fd.h"

namespace strata::optfuzz {
namespace {

using Random = std::mt19937_64;

// fsconfig() itself refuses, without a word, keys and string values of 256
// bytes or more, and path values that are empty or PATH_MAX long: the
// VFS's limits, not strata's, so the fuzzer stays inside them.
constexpr std::size_t max_vfs_string = 255;
constexpr std::size_t max_vfs_path = PATH_MAX - 1;

struct Totals {
    unsigned long calls = 0;
    unsigned long refused = 0;
    unsigned long silent = 0;
    unsigned long mounted = 0;
};

std::size_t pick(Random &rng, std::size_t n)
{
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

bool chance(Random &rng, unsigned percent)
{
    return pick(rng, 100) < percent;
}

// The directories a value may name: real layers, a file, missing paths,
// the mount point itself, /proc, and paths that need escapes.
class Paths {
public:
    explicit Paths(std::string scratch) : scratch_(std::move(scratch))
    {
        for (const char *d : {"l1", "l2", "l:3", "l,4", "u", "w", "u/inner", "m"})
            ::mkdir((scratch_ + "/" + d).c_str(), 0755);
        if (const int fd = ::creat((scratch_ + "/file").c_str(), 0644); fd >= 0)
            ::close(fd);
    }

    [[nodiscard]] std::string mount_point() const { return scratch_ + "/m"; }

    [[nodiscard]] std::string any(Random &rng) const
    {
        static constexpr std::array<std::string_view, 12> names{
            "l1", "l2", "l\\:3", "l\\,4", "u", "w", "u/inner", "m", "file", "missing", "", "l1/"};
        switch (pick(rng, 6)) {
        case 0: return "/proc";
        case 1: return std::string(1 + pick(rng, 4000), 'a' + static_cast<char>(pick(rng, 26)));
        case 2: return "relative/" + std::string(names[pick(rng, names.size())]);
        default: return scratch_ + "/" + std::string(names[pick(rng, names.size())]);
        }
    }

    [[nodiscard]] std::string lowerdir(Random &rng) const
    {
        std::string value;
        const std::size_t layers = chance(rng, 10) ? 400 + pick(rng, 200) : 1 + pick(rng, 4);
        for (std::size_t i = 0; i < layers; ++i) {
            // Appended piece by piece: GCC 12 at -O3 misreads a temporary
            // "sep" + string as overlapping copies (-Wrestrict).
            if (i)
                value += ':';
            value += chance(rng, 85) ? scratch_ + "/l1" : any(rng);
        }
        if (chance(rng, 10))
            value += chance(rng, 50) ? ":" : "\\";
        return value;
    }

private:
    std::string scratch_;
};

std::string value_for(Random &rng, const Paths &paths, std::string_view key)
{
    static constexpr std::array<std::string_view, 10> words{
        "on", "off", "auto", "follow", "nofollow", "y", "null", "", "1", "\xff\xfe"};
    if (key == "lowerdir")
        return paths.lowerdir(rng);
    if (key == "lowerdir+" || key == "upperdir" || key == "workdir" || chance(rng, 15))
        return paths.any(rng);
    return std::string(words[pick(rng, words.size())]);
}

std::string key_for(Random &rng)
{
    static constexpr std::array<std::string_view, 19> keys{
        "lowerdir", "lowerdir+", "upperdir", "workdir", "index", "metacopy", "nfs_export",
        "redirect_dir", "xino", "userxattr", "volatile", "source", "ro", "rw", "lowerdir+",
        "lowerdir", "bogus", "default_permissions", "uuid"};
    if (chance(rng, 3))
        return std::string(1 + pick(rng, max_vfs_string), 'k');
    return std::string(keys[pick(rng, keys.size())]);
}

long sys_fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux)
{
    return ::syscall(SYS_fsconfig, fd, cmd, key, value, aux);
}

// The context's messages, drained; true when one of them is an error.
bool drain_log(int fd, std::string &text)
{
    bool error = false;
    std::array<char, 8192> buf{};
    for (ssize_t n; (n = ::read(fd, buf.data(), buf.size())) > 0;) {
        text.append(buf.data(), static_cast<std::size_t>(n));
        text += '\n';
        error |= buf[0] == 'e';
    }
    return error;
}

// A refusal strata or the VFS could explain. EBUSY (a context used after
// create) and ENOMEM are the VFS's own and carry no message by design.
bool needs_message(int err)
{
    return err != EBUSY && err != ENOMEM && err != EINTR;
}

void note_refusal(Totals &totals, int fd, int err, const std::string &what)
{
    ++totals.refused;
    std::string log;
    if (drain_log(fd, log) || !needs_message(err))
        return;
    ++totals.silent;
    std::printf("silent refusal: %s: %s\n", what.c_str(), std::strerror(err));
}

// "KIND KEY[=VALUE]", VALUE cut to 80 bytes. Built by appends: GCC 12 at
// -O3 misreads chains of operator+ on temporaries as overlapping copies
// (-Wrestrict).
std::string describe_call(std::string_view kind, const std::string &key, std::string_view value)
{
    std::string text(kind);
    text += ' ';
    text += key;
    if (!value.empty()) {
        text += '=';
        text += value.substr(0, 80);
    }
    return text;
}

void configure_once(Random &rng, const Paths &paths, int fd, Totals &totals)
{
    const std::string key = key_for(rng);
    std::string value = value_for(rng, paths, key);
    long rc;
    std::string what;
    ++totals.calls;
    switch (pick(rng, 4)) {
    case 0:
        rc = sys_fsconfig(fd, FSCONFIG_SET_FLAG, key.c_str(), nullptr, 0);
        what = describe_call("flag", key, {});
        break;
    case 1:
        rc = sys_fsconfig(fd, FSCONFIG_SET_BINARY, key.c_str(), value.data(),
                      static_cast<int>(value.size()) + 1);
        what = describe_call("binary", key, {});
        break;
    case 2:
        if (value.empty())
            value = "/";
        value.resize(std::min(value.size(), max_vfs_path));
        rc = sys_fsconfig(fd, FSCONFIG_SET_PATH, key.c_str(), value.c_str(), AT_FDCWD);
        what = describe_call("path", key, value);
        break;
    default:
        value.resize(std::min(value.size(), max_vfs_string));
        rc = sys_fsconfig(fd, FSCONFIG_SET_STRING, key.c_str(), value.c_str(), 0);
        what = describe_call("string", key, value);
        break;
    }
    if (rc < 0)
        note_refusal(totals, fd, errno, what);
    std::string log;
    drain_log(fd, log);
}

// One context: a few fsconfig calls, then create and, if it worked, a
// detached mount dropped at once.
void fuzz_context(Random &rng, const Paths &paths, Totals &totals)
{
    UniqueFd fd(static_cast<int>(::syscall(SYS_fsopen, "strata", FSOPEN_CLOEXEC)));
    if (!fd.valid()) {
        std::printf("fsopen strata: %s\n", std::strerror(errno));
        std::exit(1);
    }
    const std::size_t calls = 1 + pick(rng, 8);
    for (std::size_t i = 0; i < calls; ++i)
        configure_once(rng, paths, fd.get(), totals);
    if (chance(rng, 20))
        return; // abandoned before create: the context must still free cleanly
    ++totals.calls;
    if (sys_fsconfig(fd.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) < 0) {
        note_refusal(totals, fd.get(), errno, "create");
        return;
    }
    UniqueFd mnt(static_cast<int>(::syscall(SYS_fsmount, fd.get(), FSMOUNT_CLOEXEC, 0)));
    if (mnt.valid())
        ++totals.mounted;
}

// mount(2) with a random option string: only the kernel log would hold the
// reason, so this checks survival, not messages.
void fuzz_mount2(Random &rng, const Paths &paths, Totals &totals)
{
    std::string data;
    const std::size_t options = 1 + pick(rng, 6);
    for (std::size_t i = 0; i < options; ++i) {
        const std::string key = key_for(rng);
        if (i)
            data += ',';
        data += key;
        if (chance(rng, 80)) {
            data += '=';
            data += value_for(rng, paths, key);
        }
    }
    if (chance(rng, 5))
        data.resize(4095 + pick(rng, 20), ',');
    ++totals.calls;
    const std::string target = paths.mount_point();
    if (::mount("none", target.c_str(), "strata", 0, data.c_str()) == 0) {
        ++totals.mounted;
        ::umount2(target.c_str(), MNT_DETACH);
    } else {
        ++totals.refused;
    }
}

int run(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: strata-optfuzz SEED ROUNDS SCRATCH\n");
        return 2;
    }
    const unsigned long seed = std::strtoul(argv[1], nullptr, 0);
    const unsigned long rounds = std::strtoul(argv[2], nullptr, 0);
    Random rng(seed);
    const Paths paths(argv[3]);
    Totals totals;
    for (unsigned long round = 0; round < rounds; ++round) {
        if (chance(rng, 75))
            fuzz_context(rng, paths, totals);
        else
            fuzz_mount2(rng, paths, totals);
    }
    std::printf("optfuzz: seed %lu, %lu rounds, %lu calls, %lu refused, %lu silent, %lu mounted\n",
                seed, rounds, totals.calls, totals.refused, totals.silent, totals.mounted);
    return totals.silent == 0 ? 0 : 1;
}

} // namespace
} // namespace strata::optfuzz

int main(int argc, char **argv)
{
    return strata::optfuzz::run(argc, argv);
}
