// SPDX-License-Identifier: GPL-2.0-only
#include "strata/progress.h"

#include <array>
#include <cstdio>

namespace strata {

std::string format_bytes(std::uint64_t bytes)
{
    static constexpr std::array<const char *, 5> units{"KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + " B";
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f %s", value, units[unit]);
    return text.data();
}

std::string format_progress(const ProgressCounts &counts)
{
    std::string line = format_bytes(counts.bytes) + " in " + std::to_string(counts.entries) +
                       (counts.entries == 1 ? " entry" : " entries");
    if (counts.input_size && *counts.input_size > 0) {
        const auto percent = counts.input_read * 100 / *counts.input_size;
        line += " (" + std::to_string(percent) + "% of the input)";
    }
    return line;
}

void Progress::update(const ProgressCounts &counts, Clock::time_point now)
{
    if (!last_) {
        last_ = now;
        return;
    }
    if (now - *last_ < interval_)
        return;
    last_ = now;
    printed_ = true;
    sink_(format_progress(counts), false);
}

void Progress::finish(const ProgressCounts &counts)
{
    if (printed_)
        sink_(format_progress(counts), true);
}

} // namespace strata
