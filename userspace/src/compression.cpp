// SPDX-License-Identifier: GPL-2.0-only
#include "strata/compression.h"

namespace strata {

Compression compression_for_path(std::string_view path) noexcept
{
    if (path.ends_with(".gz") || path.ends_with(".tgz"))
        return Compression::Gzip;
    if (path.ends_with(".zst") || path.ends_with(".tzst"))
        return Compression::Zstd;
    return Compression::None;
}

std::optional<Compression> parse_compression(std::string_view name) noexcept
{
    if (name == "none")
        return Compression::None;
    if (name == "gzip")
        return Compression::Gzip;
    if (name == "zstd")
        return Compression::Zstd;
    return std::nullopt;
}

} // namespace strata
