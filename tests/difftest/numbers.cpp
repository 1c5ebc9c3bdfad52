// SPDX-License-Identifier: GPL-2.0-only
#include "numbers.h"

#include <charconv>
#include <cstdio>

namespace strata::difftest {

std::optional<std::uint64_t> parse_u64(std::string_view text, int base) noexcept
{
    std::uint64_t value = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
    if (text.empty() || ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

std::optional<std::uint64_t> parse_seed(std::string_view text) noexcept
{
    if (text.starts_with("0x") || text.starts_with("0X"))
        return parse_u64(text.substr(2), 16);
    return parse_u64(text);
}

std::string format_seed(std::uint64_t seed)
{
    char text[24];
    std::snprintf(text, sizeof(text), "%#llx", static_cast<unsigned long long>(seed));
    return text;
}

std::string format_owner(std::uint32_t uid, std::uint32_t gid)
{
    return std::to_string(uid) + ":" + std::to_string(gid);
}

std::string format_mode(std::uint32_t mode)
{
    char text[16];
    std::snprintf(text, sizeof(text), "%04o", mode);
    return text;
}

std::string format_time(std::int64_t ns)
{
    char text[48];
    std::snprintf(text, sizeof(text), "%lld.%09lld", static_cast<long long>(ns / 1000000000),
                  static_cast<long long>(ns % 1000000000));
    return text;
}

} // namespace strata::difftest
