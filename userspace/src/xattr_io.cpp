// SPDX-License-Identifier: GPL-2.0-only
#include "xattr_io.h"

#include <algorithm>
#include <cerrno>

#include <sys/xattr.h>

#include "beneath.h"
#include "strata/errors.h"

namespace strata {

namespace {

bool unsupported(int err)
{
    return err == ENOTSUP || err == ENODATA;
}

using MaybeValue = std::optional<std::string>;

// Absent and unsupported both read as "not set".
Result<MaybeValue> failed(const std::string &what, int err)
{
    if (unsupported(err))
        return MaybeValue{};
    return io_error(what, err);
}

// Calls fill(buffer, size) until the buffer is large enough: a value can
// grow between asking for its size and reading it.
template <typename Fill>
Result<MaybeValue> read_sized(const std::string &what, Fill fill)
{
    for (;;) {
        const ssize_t size = fill(nullptr, 0);
        if (size < 0)
            return failed(what, errno);
        std::string buffer(static_cast<std::size_t>(size), '\0');
        const ssize_t got = fill(buffer.data(), buffer.size());
        if (got >= 0) {
            buffer.resize(static_cast<std::size_t>(got));
            return MaybeValue(std::move(buffer));
        }
        if (errno != ERANGE)
            return failed(what, errno);
    }
}

std::vector<std::string> split_names(const std::string &list)
{
    std::vector<std::string> names;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t end = list.find('\0', start);
        names.push_back(list.substr(start, end - start));
        start = end == std::string::npos ? list.size() : end + 1;
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

Result<MaybeValue> read_xattr(int dirfd, const std::string &name, const std::string &key)
{
    const std::string path = fd_path(dirfd, name);
    return read_sized("cannot read xattr " + key, [&](char *buf, std::size_t size) {
        return ::lgetxattr(path.c_str(), key.c_str(), buf, size);
    });
}

Result<std::vector<Xattr>> read_xattrs(int dirfd, const std::string &name)
{
    const std::string path = fd_path(dirfd, name);
    auto list = read_sized("cannot list xattrs", [&](char *buf, std::size_t size) {
        return ::llistxattr(path.c_str(), buf, size);
    });
    if (!list)
        return list.error();
    std::vector<Xattr> xattrs;
    for (auto &key : split_names(list.value().value_or(""))) {
        auto value = read_xattr(dirfd, name, key);
        if (!value)
            return value.error();
        // Listed but unreadable (a trusted.* name seen without privilege).
        if (value.value())
            xattrs.push_back({std::move(key), std::move(*value.value())});
    }
    return xattrs;
}

Result<void> write_xattr(int dirfd, const std::string &name, const Xattr &xattr)
{
    const std::string path = fd_path(dirfd, name);
    if (::lsetxattr(path.c_str(), xattr.name.c_str(), xattr.value.data(), xattr.value.size(), 0) < 0)
        return io_error("cannot set xattr " + xattr.name, errno);
    return {};
}

} // namespace strata
