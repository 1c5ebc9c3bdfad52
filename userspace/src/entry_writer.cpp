// SPDX-License-Identifier: GPL-2.0-only
#include "entry_writer.h"

#include <array>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "beneath.h"
#include "strata/errors.h"
#include "strata/overlay_format.h"

namespace strata {

namespace {

constexpr mode_t implicit_dir_mode = 0755;

Error parent_error(const PathComponents &path, std::size_t depth, const Error &error)
{
    const std::string where = quoted_name(join_path(path, depth));
    if (error.sys_errno == ELOOP)
        return content_error(where + " is a symlink; refusing to write through it");
    if (error.sys_errno == ENOTDIR)
        return content_error(where + " is not a directory");
    return error;
}

} // namespace

Result<UniqueFd> EntryWriter::open_or_create_dir(int parent_fd, const PathComponents &path,
                                                 std::size_t depth)
{
    const std::string &name = path[depth - 1];
    constexpr int flags = O_PATH | O_DIRECTORY;
    auto dir = open_beneath(parent_fd, name, flags);
    if (!dir && dir.error().sys_errno == ENOENT) {
        if (::mkdirat(parent_fd, name.c_str(), implicit_dir_mode) < 0 && errno != EEXIST)
            return io_error("cannot create directory '" + display_name(join_path(path, depth)) + "'",
                            errno);
        dir = open_beneath(parent_fd, name, flags);
    }
    if (!dir)
        return parent_error(path, depth, dir.error());
    return dir;
}

Result<UniqueFd> EntryWriter::open_dir(const PathComponents &path, std::size_t depth)
{
    auto dir = open_beneath(root_fd_, "", O_PATH | O_DIRECTORY);
    for (std::size_t level = 1; dir && level <= depth; ++level)
        dir = open_or_create_dir(dir.value().get(), path, level);
    return dir;
}

Result<Place> EntryWriter::place(const PathComponents &path)
{
    // The root is "." in itself.
    const std::size_t depth = path.empty() ? 0 : path.size() - 1;
    auto parent = open_dir(path, depth);
    if (!parent)
        return parent.error();
    return Place{std::move(parent).value(), path.empty() ? "." : path.back()};
}

Result<void> EntryWriter::make_directory(const PathComponents &path, EntryMeta meta, bool exists)
{
    if (!exists) {
        auto where = place(path);
        if (!where)
            return where.error();
        if (::mkdirat(where.value().parent.get(), where.value().name.c_str(), S_IRWXU) < 0)
            return io_error("cannot create directory", errno);
    }
    directories_[path] = std::move(meta);
    return {};
}

Result<void> EntryWriter::make_file(const Place &place, const EntryMeta &meta, const Fill &fill)
{
    const int fd = ::openat(place.parent.get(), place.name.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return io_error("cannot create file", errno);
    UniqueFd file(fd);
    if (auto ok = fill(file.get()); !ok)
        return ok;
    return apply_meta(place, meta, false);
}

Result<void> EntryWriter::make_symlink(const Place &place, const std::string &target, const EntryMeta &meta)
{
    if (::symlinkat(target.c_str(), place.parent.get(), place.name.c_str()) < 0)
        return io_error("cannot create symlink", errno);
    return apply_meta(place, meta, true);
}

Result<void> EntryWriter::make_hardlink(const Place &place, const PathComponents &target)
{
    auto target_place = this->place(target);
    if (!target_place)
        return target_place.error();
    if (::linkat(target_place.value().parent.get(), target_place.value().name.c_str(),
                 place.parent.get(), place.name.c_str(), 0) < 0)
        return io_error("cannot create hardlink", errno);
    return {};
}

Result<void> EntryWriter::make_node(const Place &place, mode_t type, dev_t rdev, const EntryMeta &meta)
{
    if (::mknodat(place.parent.get(), place.name.c_str(), type | S_IRUSR | S_IWUSR, rdev) < 0) {
        if (errno == EPERM && type != S_IFIFO)
            return content_error("a device node: creating one needs root (CAP_MKNOD)");
        return io_error("cannot create node", errno);
    }
    return apply_meta(place, meta, false);
}

Result<void> EntryWriter::make_whiteout(const Place &place, const EntryMeta &meta)
{
    // overlayfs makes its whiteouts with mode 0, and so does this. Since
    // Linux 5.8 anyone may create one; before, only root.
    if (::mknodat(place.parent.get(), place.name.c_str(), S_IFCHR, makedev(0, 0)) < 0) {
        if (errno == EPERM)
            return content_error("a whiteout: whiteouts are 0/0 character devices, and this "
                                 "kernel lets only root (CAP_MKNOD) create them");
        return io_error("cannot create whiteout", errno);
    }
    return apply_meta(place, EntryMeta{0, meta.uid, meta.gid, meta.mtime, {}}, false);
}

Result<void> EntryWriter::mark_opaque(const PathComponents &dir)
{
    auto fd = open_dir(dir, dir.size());
    if (!fd)
        return fd.error();
    const Xattr opaque{std::string(opaque_xattr(policy_.userxattr)), std::string(opaque_value)};
    auto ok = write_xattr(fd.value().get(), "", opaque);
    if (!ok && ok.error().sys_errno == EPERM && !policy_.userxattr)
        return content_error("an opaque directory: marking one sets trusted.overlay.opaque, which "
                             "needs root (CAP_SYS_ADMIN); --userxattr writes user.overlay.opaque instead");
    return ok;
}

Result<void> EntryWriter::apply_meta(const Place &place, const EntryMeta &meta, bool symlink)
{
    const int parent = place.parent.get();
    const char *name = place.name.c_str();
    // chown first: it clears setuid bits and file capabilities.
    if (policy_.restore_owners && ::fchownat(parent, name, meta.uid, meta.gid, AT_SYMLINK_NOFOLLOW) < 0)
        return io_error("cannot set owner", errno);
    if (!symlink && ::fchmodat(parent, name, meta.mode & 07777, 0) < 0)
        return io_error("cannot set mode", errno);
    if (auto ok = apply_xattrs(place, meta); !ok)
        return ok;
    const std::array<timespec, 2> times{meta.mtime, meta.mtime};
    if (::utimensat(parent, name, times.data(), AT_SYMLINK_NOFOLLOW) < 0)
        return io_error("cannot set times", errno);
    return {};
}

Result<void> EntryWriter::apply_xattrs(const Place &place, const EntryMeta &meta)
{
    for (const auto &xattr : meta.xattrs) {
        auto ok = write_xattr(place.parent.get(), place.name, xattr);
        if (ok)
            continue;
        // Without root, trusted.* and security.* cannot be written: like the
        // owners, they are what an unprivileged import cannot keep.
        if (ok.error().sys_errno != EPERM || policy_.restore_owners)
            return ok;
        if (policy_.warn)
            policy_.warn("xattr " + xattr.name + " not kept: setting it needs root");
    }
    return {};
}

Result<void> EntryWriter::finish()
{
    for (auto it = directories_.rbegin(); it != directories_.rend(); ++it) {
        const PathComponents &path = it->first;
        auto where = place(path);
        if (!where)
            return where.error();
        if (auto ok = apply_meta(where.value(), it->second, false); !ok)
            return with_context(quoted_name(join_path(path)), ok.error());
    }
    return {};
}

} // namespace strata
