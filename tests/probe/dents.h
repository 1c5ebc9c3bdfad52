// SPDX-License-Identifier: GPL-2.0-only
//
// for_each_dent: a directory read with raw getdents64, as the kernel returns
// it, with none of readdir(3)'s buffering in between.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <utility>
#include <string_view>

#include <dirent.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::probe {

// Calls fn(name, d_ino, d_type) for each entry getdents64 returns on the
// directory fd, in the kernel's order, reading into the caller's buffer.
// Returns 0, or the errno of the call that failed.
template <typename Fn>
[[nodiscard]] int for_each_dent(int fd, std::span<char> buffer, Fn &&fn)
{
    for (;;) {
        const long n = ::syscall(SYS_getdents64, fd, buffer.data(), buffer.size());
        if (n <= 0)
            return n < 0 ? errno : 0;
        for (long off = 0; off < n;) {
            // The kernel aligns every record for struct dirent64.
            const auto *d = reinterpret_cast<const struct dirent64 *>(buffer.data() + off);
            const std::size_t room = d->d_reclen - offsetof(struct dirent64, d_name);
            const std::string_view name(d->d_name, ::strnlen(d->d_name, room));
            fn(name, static_cast<std::uint64_t>(d->d_ino), d->d_type);
            off += d->d_reclen;
        }
    }
}

// The same, reading buffer_size bytes a call into a buffer of its own.
template <typename Fn>
[[nodiscard]] int for_each_dent(int fd, std::size_t buffer_size, Fn &&fn)
{
    const auto buffer = std::make_unique_for_overwrite<char[]>(buffer_size);
    return for_each_dent(fd, std::span<char>(buffer.get(), buffer_size), std::forward<Fn>(fn));
}

} // namespace strata::probe
