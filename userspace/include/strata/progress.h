// SPDX-License-Identifier: GPL-2.0-only
//
// Progress of a long import or export: counts reported often, printed
// seldom, so that a terminal sees the work advance without a flood.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace strata {

struct ProgressCounts {
    std::uint64_t bytes = 0;   // file data written
    std::uint64_t entries = 0; // tar entries done
    std::uint64_t input_read = 0;                // bytes of the tarball consumed
    std::optional<std::uint64_t> input_size;     // when the tarball is a file
};

// "12.5 MiB", "900 B".
[[nodiscard]] std::string format_bytes(std::uint64_t bytes);

// "12.5 MiB in 340 entries (40% of the input)".
[[nodiscard]] std::string format_progress(const ProgressCounts &counts);

class Progress {
public:
    using Clock = std::chrono::steady_clock;
    // Receives a formatted line; final is true for the last one.
    using Sink = std::function<void(const std::string &line, bool final)>;

    Progress(Sink sink, Clock::duration interval) : sink_(std::move(sink)), interval_(interval) {}

    // Passes the counts on when interval has gone by since the last line
    // (or since the first update).
    void update(const ProgressCounts &counts, Clock::time_point now = Clock::now());

    // The closing line, only if an earlier one was printed: a short job
    // stays silent.
    void finish(const ProgressCounts &counts);

private:
    Sink sink_;
    Clock::duration interval_;
    std::optional<Clock::time_point> last_;
    bool printed_ = false;
};

} // namespace strata
