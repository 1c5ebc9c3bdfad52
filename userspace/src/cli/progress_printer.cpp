// SPDX-License-Identifier: GPL-2.0-only
#include "progress_printer.h"

#include <chrono>

#include <fmt/core.h>
#include <unistd.h>

namespace strata::cli {

namespace {

constexpr auto terminal_interval = std::chrono::milliseconds(200);
constexpr auto log_interval = std::chrono::seconds(5);

} // namespace

ProgressPrinter::ProgressPrinter(const Reporter &reporter, bool enabled)
    : reporter_(reporter), enabled_(enabled), terminal_(::isatty(STDERR_FILENO) == 1),
      progress_([this](const std::string &line, bool final) { print(line, final); },
                terminal_ ? Progress::Clock::duration(terminal_interval) : Progress::Clock::duration(log_interval))
{
}

bool ProgressPrinter::wanted(bool progress_flag, bool no_progress_flag)
{
    if (no_progress_flag)
        return false;
    return progress_flag || ::isatty(STDERR_FILENO) == 1;
}

std::function<void(const ProgressCounts &)> ProgressPrinter::callback()
{
    if (!enabled_)
        return {};
    return [this](const ProgressCounts &counts) { progress_.update(counts); };
}

void ProgressPrinter::finish(const ProgressCounts &counts)
{
    if (enabled_)
        progress_.finish(counts);
}

void ProgressPrinter::end_line()
{
    if (line_open_)
        fmt::print(stderr, "\n");
    line_open_ = false;
}

void ProgressPrinter::print(const std::string &line, bool final)
{
    if (!terminal_) {
        fmt::print(stderr, "{}{}\n", reporter_.prefix(), line);
        return;
    }
    fmt::print(stderr, "\r{}{}\033[K", reporter_.prefix(), line);
    line_open_ = true;
    if (final)
        end_line();
}

} // namespace strata::cli
