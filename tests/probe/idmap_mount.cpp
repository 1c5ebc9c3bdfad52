// SPDX-License-Identifier: GPL-2.0-only
//
// strata-idmap: an idmapped bind mount, as containerd and systemd give
// layers, for the functional tests (util-linux 2.38's mount cannot make
// one). "strata-idmap SRC DEST FROM:TO:COUNT" mounts SRC again at DEST with
// the ids FROM..FROM+COUNT-1 of SRC's filesystem seen as TO..: uids and gids
// alike. Runs as root. Exit status: 0 mounted, 1 a syscall failed, 2 usage.
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unique_fd.h"

namespace strata::probe {
namespace {

constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

int report(const std::string &what, int err = errno)
{
    std::fprintf(stderr, "strata-idmap: %s: %s\n", what.c_str(), std::strerror(err));
    return exit_failed;
}

// "FROM:TO:COUNT" as a line of uid_map/gid_map ("FROM TO COUNT").
bool parse_map(std::string_view text, std::string &line)
{
    unsigned long parts[3] = {};
    const char *p = text.data();
    const char *end = text.data() + text.size();
    for (int i = 0; i < 3; i++) {
        const auto [next, ec] = std::from_chars(p, end, parts[i]);
        if (ec != std::errc() || (i < 2 && (next == end || *next != ':')))
            return false;
        p = i < 2 ? next + 1 : next;
    }
    if (p != end || parts[2] == 0)
        return false;
    line = std::to_string(parts[0]) + " " + std::to_string(parts[1]) + " " +
           std::to_string(parts[2]) + "\n";
    return true;
}

bool write_file(const std::string &path, const std::string &text)
{
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    return fd.valid() && ::write(fd.get(), text.data(), text.size()) ==
                             static_cast<ssize_t>(text.size());
}

// A child in a new user namespace that waits for the hold pipe to close:
// the namespace the mapping lives in, for as long as the mount is being
// made. The child keeps only its own ends of the pipes.
pid_t hold_user_namespace(const int (&ready)[2], const int (&hold)[2])
{
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    ::close(ready[0]);
    ::close(hold[1]);
    const int ready_fd = ready[1], hold_fd = hold[0];
    char byte = 0;
    if (::unshare(CLONE_NEWUSER) < 0)
        _exit(1);
    if (::write(ready_fd, &byte, 1) != 1)
        _exit(1);
    while (::read(hold_fd, &byte, 1) > 0) {
    }
    _exit(0);
}

// The namespace of pid, mapped with line, as an fd for MOUNT_ATTR_IDMAP.
int mapped_namespace(pid_t pid, const std::string &line)
{
    const std::string proc = "/proc/" + std::to_string(pid);
    if (!write_file(proc + "/uid_map", line))
        return report("write uid_map"), -1;
    if (!write_file(proc + "/gid_map", line))
        return report("write gid_map"), -1;
    const int fd = ::open((proc + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        report("open the user namespace");
    return fd;
}

int idmapped_bind(const char *src, const char *dest, int userns_fd)
{
    const UniqueFd tree(static_cast<int>(
        ::syscall(SYS_open_tree, AT_FDCWD, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC)));
    if (!tree.valid())
        return report(std::string("open_tree ") + src);
    struct mount_attr attr = {};
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = static_cast<unsigned long long>(userns_fd);
    if (::syscall(SYS_mount_setattr, tree.get(), "", AT_EMPTY_PATH, &attr, sizeof(attr)) < 0)
        return report("mount_setattr MOUNT_ATTR_IDMAP");
    if (::syscall(SYS_move_mount, tree.get(), "", AT_FDCWD, dest, MOVE_MOUNT_F_EMPTY_PATH) < 0)
        return report(std::string("move_mount to ") + dest);
    return 0;
}

int run(int argc, char **argv)
{
    std::string line;
    if (argc != 4 || !parse_map(argv[3], line)) {
        std::fprintf(stderr, "usage: strata-idmap SRC DEST FROM:TO:COUNT\n");
        return exit_usage;
    }
    int ready[2], hold[2];
    if (::pipe2(ready, O_CLOEXEC) < 0 || ::pipe2(hold, O_CLOEXEC) < 0)
        return report("pipe");
    const pid_t pid = hold_user_namespace(ready, hold);
    if (pid < 0)
        return report("fork");
    ::close(ready[1]);
    ::close(hold[0]);
    char byte = 0;
    int status = exit_failed;
    if (::read(ready[0], &byte, 1) == 1) {
        const UniqueFd userns(mapped_namespace(pid, line));
        if (userns.valid())
            status = idmapped_bind(argv[1], argv[2], userns.get());
    } else {
        report("the user namespace's holder");
    }
    ::close(hold[1]); // lets the holder go
    ::waitpid(pid, nullptr, 0);
    return status;
}

} // namespace
} // namespace strata::probe

int main(int argc, char **argv)
{
    return strata::probe::run(argc, argv);
}
