// SPDX-License-Identifier: GPL-2.0-only
#include "observer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "dents.h"
#include "file_sum.h"
#include "probe_text.h"
#include "unique_fd.h"

namespace strata::difftest {
namespace {

constexpr std::size_t dents_buffer = 32 << 10;

// Bytes as text: printable ASCII stays, everything else becomes \xHH.
[[nodiscard]] std::string printable(std::string_view bytes)
{
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7f && c != '\\') {
            text += c;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof(hex), "\\x%02x", byte);
            text += hex;
        }
    }
    return text;
}

[[nodiscard]] std::string type_name(const struct stat &st)
{
    switch (st.st_mode & S_IFMT) {
    case S_IFREG: return "reg";
    case S_IFDIR: return "dir";
    case S_IFLNK: return "lnk";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "sock";
    case S_IFCHR:
        if (st.st_rdev == makedev(0, 0))
            return "whiteout";
        return "chr " + std::to_string(major(st.st_rdev)) + ":" + std::to_string(minor(st.st_rdev));
    case S_IFBLK:
        return "blk " + std::to_string(major(st.st_rdev)) + ":" + std::to_string(minor(st.st_rdev));
    default: return "unknown";
    }
}

[[nodiscard]] std::string error_text(int err)
{
    return "error " + probe::errno_name(err);
}

// The names of a NUL-separated llistxattr result, or an error text.
[[nodiscard]] std::vector<std::string> list_names(const std::string &path, std::string &error)
{
    std::vector<char> buffer(XATTR_LIST_MAX);
    const ssize_t n = ::llistxattr(path.c_str(), buffer.data(), buffer.size());
    if (n < 0) {
        error = error_text(errno);
        return {};
    }
    std::vector<std::string> names;
    for (ssize_t off = 0; off < n;) {
        std::string name(buffer.data() + off);
        off += static_cast<ssize_t>(name.size()) + 1;
        names.push_back(std::move(name));
    }
    std::ranges::sort(names);
    return names;
}

[[nodiscard]] std::string xattr_value(const std::string &path, const std::string &name)
{
    std::vector<char> buffer(XATTR_SIZE_MAX);
    const ssize_t n = ::lgetxattr(path.c_str(), name.c_str(), buffer.data(), buffer.size());
    if (n < 0)
        return error_text(errno);
    return printable(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
}

[[nodiscard]] std::string link_target(int root_fd, const std::string &path)
{
    char target[PATH_MAX];
    const ssize_t n = ::readlinkat(root_fd, path.c_str(), target, sizeof(target));
    if (n < 0)
        return error_text(errno);
    return probe::escape_name(std::string_view(target, static_cast<std::size_t>(n)));
}

[[nodiscard]] std::string content_sum(int root_fd, const std::string &path)
{
    const UniqueFd fd(
        ::openat(root_fd, path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    std::string sum;
    const int err = fd.valid() ? sum_from_start(fd.get(), sum) : errno;
    return err != 0 ? error_text(err) : sum;
}

// Drops the names of dir_fd's listing that its lookup does not find.
void drop_phantoms(int dir_fd, std::vector<std::string> &names)
{
    std::erase_if(names, [dir_fd](const std::string &name) {
        struct stat st {};
        return ::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT;
    });
}

// The names among dents (name, d_ino) whose lookup finds another st_ino,
// sorted and space-separated; names a lookup does not find are not judged.
[[nodiscard]] std::string wrong_dinos(int dir_fd,
                                      std::vector<std::pair<std::string, std::uint64_t>> &dents)
{
    std::ranges::sort(dents);
    std::string wrong;
    for (const auto &[name, ino] : dents) {
        struct stat st {};
        if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_ino != ino)
            wrong += (wrong.empty() ? "" : " ") + probe::escape_name(name);
    }
    return wrong;
}

// The sorted names in a directory without . and ..; none, and err set, if
// it cannot be listed. With dino, the names whose d_ino is wrong go there.
[[nodiscard]] std::vector<std::string> list_dir(int root_fd, const std::string &path,
                                                Phantoms phantoms, int &err,
                                                std::string *dino = nullptr)
{
    const UniqueFd fd(
        ::openat(root_fd, path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    std::vector<std::pair<std::string, std::uint64_t>> dents;
    const auto add = [&](std::string_view name, std::uint64_t ino, auto) {
        if (name != "." && name != "..")
            dents.emplace_back(name, ino);
    };
    err = fd.valid() ? probe::for_each_dent(fd.get(), dents_buffer, add) : errno;
    if (err != 0)
        dents.clear();
    else if (dino)
        *dino = wrong_dinos(fd.get(), dents);
    std::vector<std::string> names;
    for (auto &dent : dents)
        names.push_back(std::move(dent.first));
    if (err == 0 && phantoms == Phantoms::drop)
        drop_phantoms(fd.get(), names);
    std::ranges::sort(names);
    return names;
}

} // namespace

std::string Observer::full_path(const std::string &path) const
{
    return path == "." ? root_path_ : root_path_ + "/" + path;
}

std::string Observer::xattrs(const std::string &path) const
{
    const std::string full = full_path(path);
    std::string error;
    const auto names = list_names(full, error);
    if (!error.empty())
        return error;
    std::string text;
    for (const std::string &name : names) {
        if (view_ == View::upper && is_private_overlay_xattr(name, marks_))
            continue;
        if (!text.empty())
            text += ' ';
        // Values of user.* only: other namespaces are the filesystems' own.
        text += name.starts_with("user.") ? printable(name) + "=" + xattr_value(full, name)
                                          : printable(name);
    }
    return text;
}

// Through a union the mark is hidden, which overlayfs answers with
// EOPNOTSUPP up to 6.6 and ENODATA since 6.7 (it reads the name escaped, as
// trusted.overlay.overlay.opaque, for nested overlays); Strata answers
// EOPNOTSUPP on every kernel. Both mean "no mark shown", as ENODATA does on
// a real directory, so all three compare as one.
std::string Observer::opaque_mark(const std::string &path) const
{
    std::string mark = xattr_value(full_path(path), opaque_mark_name(marks_));
    if (mark == error_text(EOPNOTSUPP) || mark == error_text(ENODATA))
        return "none";
    return mark;
}

void Observer::read_object(const std::string &path, Observation &obs) const
{
    if (obs.type == "lnk") {
        obs.link_target = link_target(root_fd_, path);
    } else if (obs.type == "reg") {
        obs.content = content_sum(root_fd_, path);
    } else if (obs.type == "dir") {
        obs.entries = list_dir(root_fd_, path, phantoms_, obs.list_err,
                               ids_ ? &obs.dino : nullptr);
        obs.opaque = opaque_mark(path);
    }
}

Observation Observer::observe(const std::string &path) const
{
    Observation obs;
    struct stat st {};
    if (::fstatat(root_fd_, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0) {
        obs.err = errno;
        return obs;
    }
    obs.type = type_name(st);
    obs.perm = st.st_mode & 07777;
    obs.uid = st.st_uid;
    obs.gid = st.st_gid;
    if (!S_ISDIR(st.st_mode)) {
        obs.size = static_cast<std::uint64_t>(st.st_size);
        obs.nlink = static_cast<std::uint64_t>(st.st_nlink);
    }
    obs.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (ids_)
        obs.identity = ids_->name(st.st_ino, path);
    read_object(path, obs);
    // A whiteout is only a name (see compare.cpp).
    if (obs.type != "whiteout")
        obs.xattrs = xattrs(path);
    return obs;
}

void Observer::walk_into(const std::string &path, Tree &tree) const
{
    Observation obs = observe(path);
    std::vector<std::string> children;
    if (obs.err == 0 && obs.entries)
        children = *obs.entries;
    tree.emplace(path, std::move(obs));
    for (const std::string &name : children)
        walk_into(path == "." ? name : path + "/" + name, tree);
}

Tree Observer::walk() const
{
    Tree tree;
    walk_into(".", tree);
    return tree;
}

} // namespace strata::difftest
