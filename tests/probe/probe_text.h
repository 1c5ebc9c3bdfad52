// SPDX-License-Identifier: GPL-2.0-only
//
// The text side of strata-probe: what it parses from its arguments and how
// it names what it prints. Pure functions, unit-tested on the host.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::probe {

// "O_RDONLY|O_CREAT|O_EXCL" to open(2) flags; nullopt if any name is
// unknown or empty. Names are OR-ed as given, conflicts are not judged.
[[nodiscard]] std::optional<int> parse_open_flags(std::string_view spec);

// "EACCES" for EACCES; the decimal number for an errno outside the table.
[[nodiscard]] std::string errno_name(int err);

// "reg", "dir", "lnk", "chr", "blk", "fifo", "sock"; "unknown" for
// DT_UNKNOWN and for any value that is not a DT_* constant.
[[nodiscard]] std::string_view d_type_name(unsigned char d_type) noexcept;

// A decimal number without sign or spaces that fills the whole text.
[[nodiscard]] std::optional<std::uint64_t> parse_number(std::string_view text) noexcept;

// A name made safe for one line of output: backslash becomes "\\", control
// bytes and DEL become "\xHH"; everything else, spaces too, stays.
[[nodiscard]] std::string escape_name(std::string_view name);

} // namespace strata::probe
