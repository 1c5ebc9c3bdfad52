// SPDX-License-Identifier: GPL-2.0-only
#include "side.h"

#include <cerrno>
#include <vector>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h> // renameat2
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "content.h"
#include "file_sum.h"

namespace strata::difftest {
namespace {

// The outcome of a syscall that returned ret (and set errno if negative).
[[nodiscard]] Outcome result_of(long ret)
{
    return ret < 0 ? Outcome{-1, errno, {}} : Outcome{ret, 0, {}};
}

[[nodiscard]] unsigned rename_flags(RenameHow how)
{
    switch (how) {
    case RenameHow::noreplace: return RENAME_NOREPLACE;
    case RenameHow::exchange: return RENAME_EXCHANGE;
    case RenameHow::none: break;
    }
    return 0;
}

[[nodiscard]] int open_flags(OpenHow how)
{
    switch (how) {
    case OpenHow::trunc: return O_TRUNC;
    case OpenHow::append: return O_APPEND;
    case OpenHow::plain: break;
    }
    return 0;
}

[[nodiscard]] int at_flags(const Op &op)
{
    return op.nofollow ? AT_SYMLINK_NOFOLLOW : 0;
}

} // namespace

std::string Side::full_path(const std::string &path) const
{
    return root_path_ + "/" + path;
}

Outcome Side::apply(const Op &op)
{
    Outcome outcome = dispatch(op);
    // TEST-ONLY fault, see SelfTestFault: never on in a real comparison.
    if (fault_ == SelfTestFault::chmod_reports_eio && op.kind == OpKind::chmod &&
        outcome.err == 0)
        outcome = Outcome{-1, EIO, {}};
    return outcome;
}

Outcome Side::dispatch(const Op &op)
{
    const int root = root_.get();
    const char *path = op.path.c_str();
    switch (op.kind) {
    case OpKind::create: return create(op);
    case OpKind::write: return write(op);
    case OpKind::truncate:
        return result_of(::truncate(full_path(op.path).c_str(), static_cast<off_t>(op.length)));
    case OpKind::mkdir: return result_of(::mkdirat(root, path, op.mode));
    case OpKind::rmdir: return result_of(::unlinkat(root, path, AT_REMOVEDIR));
    case OpKind::unlink: return result_of(::unlinkat(root, path, 0));
    case OpKind::rename:
        return result_of(
            ::renameat2(root, path, root, op.path2.c_str(), rename_flags(op.rename_how)));
    case OpKind::link: return result_of(::linkat(root, path, root, op.path2.c_str(), 0));
    case OpKind::symlink: return result_of(::symlinkat(op.target.c_str(), root, path));
    case OpKind::setxattr:
    case OpKind::removexattr: return xattr(op);
    case OpKind::chmod: return result_of(::fchmodat(root, path, op.mode, 0));
    case OpKind::chown: return result_of(::fchownat(root, path, op.uid, op.gid, at_flags(op)));
    case OpKind::utimes: return utimes(op);
    case OpKind::mknod: return result_of(::mknodat(root, path, S_IFIFO | op.mode, 0));
    case OpKind::readlink: return read_link(op);
    case OpKind::hold: return hold(op);
    case OpKind::read_held: return read_held(op);
    case OpKind::release:
        if (!held_[op.slot].valid())
            return Outcome{-1, EBADF, {}};
        held_[op.slot].reset();
        return Outcome{};
    }
    return Outcome{-1, ENOSYS, {}};
}

Outcome Side::create(const Op &op) const
{
    const UniqueFd fd(::openat(root_.get(), op.path.c_str(),
                               O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, op.mode));
    return fd.valid() ? Outcome{} : result_of(-1);
}

Outcome Side::write(const Op &op) const
{
    // O_NONBLOCK: opening a fifo for writing must fail (ENXIO), not wait.
    const UniqueFd fd(::openat(root_.get(), op.path.c_str(),
                               O_WRONLY | O_NONBLOCK | O_CLOEXEC | open_flags(op.open_how)));
    if (!fd.valid())
        return result_of(-1);
    std::vector<unsigned char> data(op.length);
    content_bytes(op.fill, 0, data);
    // With O_APPEND, Linux's pwrite appends whatever the offset says.
    return result_of(::pwrite(fd.get(), data.data(), data.size(), static_cast<off_t>(op.offset)));
}

Outcome Side::read_link(const Op &op) const
{
    char target[PATH_MAX];
    const ssize_t n = ::readlinkat(root_.get(), op.path.c_str(), target, sizeof(target));
    if (n < 0)
        return result_of(-1);
    return Outcome{0, 0, std::string(target, static_cast<std::size_t>(n))};
}

Outcome Side::xattr(const Op &op) const
{
    const std::string path = full_path(op.path);
    const char *name = op.xname.c_str();
    if (op.kind == OpKind::removexattr)
        return result_of(op.nofollow ? ::lremovexattr(path.c_str(), name)
                                     : ::removexattr(path.c_str(), name));
    const char *value = op.xvalue.data();
    const std::size_t size = op.xvalue.size();
    return result_of(op.nofollow ? ::lsetxattr(path.c_str(), name, value, size, 0)
                                 : ::setxattr(path.c_str(), name, value, size, 0));
}

Outcome Side::utimes(const Op &op) const
{
    constexpr std::int64_t ns = 1000000000;
    const struct timespec times[2] = {
        {static_cast<time_t>(op.atime_ns / ns), static_cast<long>(op.atime_ns % ns)},
        {static_cast<time_t>(op.mtime_ns / ns), static_cast<long>(op.mtime_ns % ns)},
    };
    return result_of(::utimensat(root_.get(), op.path.c_str(), times, at_flags(op)));
}

Outcome Side::hold(const Op &op)
{
    // O_NONBLOCK: a fifo opens at once instead of waiting for a writer.
    UniqueFd fd(::openat(root_.get(), op.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid())
        return result_of(-1);
    held_[op.slot] = std::move(fd);
    return Outcome{};
}

Outcome Side::read_held(const Op &op) const
{
    const UniqueFd &fd = held_[op.slot];
    if (!fd.valid())
        return Outcome{-1, EBADF, {}};
    Outcome outcome;
    if (const int err = sum_from_start(fd.get(), outcome.detail); err != 0)
        return Outcome{-1, err, {}};
    return outcome;
}

void Side::release_all() noexcept
{
    for (UniqueFd &fd : held_)
        fd.reset();
}

} // namespace strata::difftest
