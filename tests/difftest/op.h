// SPDX-License-Identifier: GPL-2.0-only
//
// Op: one operation of a sequence, applied to both filesystems alike. Every
// value it needs is in the struct, so that a case replays without the
// generator: a shrunk sequence is a list of these and nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::difftest {

enum class OpKind {
    create,      // open(path, O_WRONLY|O_CREAT|O_EXCL, mode)
    write,       // open(path, O_WRONLY [|O_TRUNC|O_APPEND]), pwrite(length bytes at offset)
    truncate,    // truncate(path, length)
    mkdir,       // mkdir(path, mode)
    rmdir,
    unlink,
    rename,      // renameat2(path, path2, rename_how)
    link,        // link(path, path2)
    symlink,     // symlink(target, path)
    setxattr,    // [l]setxattr(path, xname, xvalue)
    removexattr, // [l]removexattr(path, xname)
    chmod,
    chown,       // fchownat(path, uid, gid [, AT_SYMLINK_NOFOLLOW])
    utimes,      // utimensat(path, {atime, mtime} [, AT_SYMLINK_NOFOLLOW])
    mknod,       // mknod(path, S_IFIFO|mode)
    readlink,
    hold,        // open(path, O_RDONLY) into slot: kept across later ops
    read_held,   // pread the slot's fd from offset 0 to EOF
    release,     // close the slot's fd
};

enum class OpenHow { plain, trunc, append };
enum class RenameHow { none, noreplace, exchange };

struct Op {
    OpKind kind = OpKind::create;
    std::string path;
    std::string path2;  // rename and link: the new name
    std::string target; // symlink: the target text
    std::uint32_t mode = 0;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint64_t offset = 0;
    std::uint64_t length = 0; // write: bytes; truncate: new size
    std::uint64_t fill = 0;   // write: seed of the bytes (see content.h)
    OpenHow open_how = OpenHow::plain;
    RenameHow rename_how = RenameHow::none;
    std::string xname;
    std::string xvalue;
    std::int64_t atime_ns = 0; // utimes: nanoseconds since the epoch
    std::int64_t mtime_ns = 0;
    bool nofollow = false;     // chown, utimes, xattrs: act on a symlink itself
    unsigned slot = 0;         // hold, read_held, release

    bool operator==(const Op &) const = default;
};

// Fd slots the held-file ops can use.
inline constexpr unsigned held_slots = 4;

[[nodiscard]] std::string_view op_kind_name(OpKind kind) noexcept;
[[nodiscard]] std::optional<OpKind> op_kind_from_name(std::string_view name) noexcept;

} // namespace strata::difftest
