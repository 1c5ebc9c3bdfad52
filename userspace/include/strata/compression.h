// SPDX-License-Identifier: GPL-2.0-only
//
// The compression of a layer tarball that `strata export` writes: chosen
// by the output's suffix unless the user names one. (Import detects it
// from the data.)
#pragma once

#include <optional>
#include <string_view>

namespace strata {

enum class Compression {
    None,
    Gzip,
    Zstd,
};

// .gz and .tgz are gzip, .zst and .tzst zstd, anything else plain tar.
[[nodiscard]] Compression compression_for_path(std::string_view path) noexcept;

// "none", "gzip" or "zstd"; nullopt for another name.
[[nodiscard]] std::optional<Compression> parse_compression(std::string_view name) noexcept;

} // namespace strata
