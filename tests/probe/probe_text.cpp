// SPDX-License-Identifier: GPL-2.0-only
#include "probe_text.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <utility>

#include <dirent.h>
#include <fcntl.h>

namespace strata::probe {
namespace {

#define STRATA_NAMED(x) std::pair<std::string_view, int>{#x, x}

constexpr std::pair<std::string_view, int> open_flags[] = {
    STRATA_NAMED(O_RDONLY),    STRATA_NAMED(O_WRONLY),    STRATA_NAMED(O_RDWR),
    STRATA_NAMED(O_TRUNC),     STRATA_NAMED(O_APPEND),    STRATA_NAMED(O_CREAT),
    STRATA_NAMED(O_EXCL),      STRATA_NAMED(O_DIRECTORY), STRATA_NAMED(O_NOFOLLOW),
    STRATA_NAMED(O_NOATIME),   STRATA_NAMED(O_DIRECT),    STRATA_NAMED(O_PATH),
    STRATA_NAMED(O_TMPFILE),
};

// The errors a filesystem test can meet. Linux aliases (EWOULDBLOCK,
// ENOTSUP, EDEADLOCK) are left out so each number has one name.
constexpr std::pair<std::string_view, int> errno_names[] = {
    STRATA_NAMED(EPERM),     STRATA_NAMED(ENOENT),    STRATA_NAMED(ESRCH),
    STRATA_NAMED(EINTR),     STRATA_NAMED(EIO),       STRATA_NAMED(ENXIO),
    STRATA_NAMED(E2BIG),     STRATA_NAMED(ENOEXEC),   STRATA_NAMED(EBADF),
    STRATA_NAMED(EAGAIN),    STRATA_NAMED(ENOMEM),    STRATA_NAMED(EACCES),
    STRATA_NAMED(EFAULT),    STRATA_NAMED(EBUSY),     STRATA_NAMED(EEXIST),
    STRATA_NAMED(EXDEV),     STRATA_NAMED(ENODEV),    STRATA_NAMED(ENOTDIR),
    STRATA_NAMED(EISDIR),    STRATA_NAMED(EINVAL),    STRATA_NAMED(ENFILE),
    STRATA_NAMED(EMFILE),    STRATA_NAMED(ENOTTY),    STRATA_NAMED(ETXTBSY),
    STRATA_NAMED(EFBIG),     STRATA_NAMED(ENOSPC),    STRATA_NAMED(ESPIPE),
    STRATA_NAMED(EROFS),     STRATA_NAMED(EMLINK),    STRATA_NAMED(EPIPE),
    STRATA_NAMED(ERANGE),    STRATA_NAMED(EDEADLK),   STRATA_NAMED(ENAMETOOLONG),
    STRATA_NAMED(ENOLCK),    STRATA_NAMED(ENOSYS),    STRATA_NAMED(ENOTEMPTY),
    STRATA_NAMED(ELOOP),     STRATA_NAMED(ENODATA),   STRATA_NAMED(EOVERFLOW),
    STRATA_NAMED(EBADFD),    STRATA_NAMED(EOPNOTSUPP), STRATA_NAMED(ESTALE),
    STRATA_NAMED(EUCLEAN),   STRATA_NAMED(EDQUOT),    STRATA_NAMED(ECANCELED),
    STRATA_NAMED(ENOTBLK),   STRATA_NAMED(ENOTSOCK),  STRATA_NAMED(ENOTCONN),
    STRATA_NAMED(EREMOTE),
};

#undef STRATA_NAMED

} // namespace

std::optional<int> parse_open_flags(std::string_view spec)
{
    int flags = 0;
    for (;;) {
        const auto bar = spec.find('|');
        const std::string_view name = spec.substr(0, bar);
        bool known = false;
        for (const auto &[flag_name, value] : open_flags) {
            if (flag_name == name) {
                flags |= value;
                known = true;
            }
        }
        if (!known)
            return std::nullopt;
        if (bar == std::string_view::npos)
            return flags;
        spec.remove_prefix(bar + 1);
    }
}

std::string errno_name(int err)
{
    for (const auto &[name, value] : errno_names) {
        if (value == err)
            return std::string(name);
    }
    return std::to_string(err);
}

std::string_view d_type_name(unsigned char d_type) noexcept
{
    switch (d_type) {
    case DT_REG: return "reg";
    case DT_DIR: return "dir";
    case DT_LNK: return "lnk";
    case DT_CHR: return "chr";
    case DT_BLK: return "blk";
    case DT_FIFO: return "fifo";
    case DT_SOCK: return "sock";
    default: return "unknown";
    }
}

std::optional<std::uint64_t> parse_number(std::string_view text) noexcept
{
    std::uint64_t value = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

std::string escape_name(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\') {
            out += "\\\\";
        } else if (byte < 0x20 || byte == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof(hex), "\\x%02x", byte);
            out += hex;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace strata::probe
