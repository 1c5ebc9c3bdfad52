// SPDX-License-Identifier: GPL-2.0-only
//
// The number syntax shared by the command line and the case file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::difftest {

// Digits in base that fill the whole text; no sign, no spaces.
[[nodiscard]] std::optional<std::uint64_t> parse_u64(std::string_view text, int base = 10) noexcept;

// Decimal, or hexadecimal after 0x: seeds as format_seed prints them.
[[nodiscard]] std::optional<std::uint64_t> parse_seed(std::string_view text) noexcept;

// "0x1f"; "0" for zero.
[[nodiscard]] std::string format_seed(std::uint64_t seed);

// An owner as "uid:gid".
[[nodiscard]] std::string format_owner(std::uint32_t uid, std::uint32_t gid);

// Permission bits as "0644".
[[nodiscard]] std::string format_mode(std::uint32_t mode);

// Nanoseconds since the epoch as "SEC.NNNNNNNNN" (touch -d @SEC.NNNNNNNNN).
[[nodiscard]] std::string format_time(std::int64_t ns);

} // namespace strata::difftest
