// SPDX-License-Identifier: GPL-2.0-only
//
// ProgressPrinter: the import's and export's progress on stderr. On a
// terminal one line is rewritten in place; elsewhere (--progress into a
// log) each report is a line of its own.
#pragma once

#include <functional>

#include "reporter.h"
#include "strata/progress.h"

namespace strata::cli {

class ProgressPrinter {
public:
    // enabled: --progress, or no --no-progress and stderr is a terminal.
    ProgressPrinter(const Reporter &reporter, bool enabled);

    // What to hand the library: empty when progress is off.
    [[nodiscard]] std::function<void(const ProgressCounts &)> callback();

    void finish(const ProgressCounts &counts);

    // Ends a progress line left open on the terminal, so that a warning or
    // an error starts on a line of its own.
    void end_line();

    // The rule for enabled from the two flags.
    [[nodiscard]] static bool wanted(bool progress_flag, bool no_progress_flag);

private:
    void print(const std::string &line, bool final);

    const Reporter &reporter_;
    bool enabled_;
    bool terminal_;
    bool line_open_ = false;
    Progress progress_;
};

} // namespace strata::cli
