// SPDX-License-Identifier: GPL-2.0-only
//
// JobHooks: how a long job (an import, an export) talks to whoever runs
// it: warnings, progress counts, and a way to be asked to stop. Any hook
// may be left empty.
#pragma once

#include <functional>
#include <string>

#include "strata/progress.h"
#include "strata/result.h"

namespace strata {

struct JobHooks {
    std::function<void(const std::string &)> warn;        // one line, no prefix
    std::function<void(const ProgressCounts &)> progress; // after each entry and data block
    std::function<bool()> cancelled;                      // polled as often

    void warning(const std::string &message) const
    {
        if (warn)
            warn(message);
    }

    void report(const ProgressCounts &counts) const
    {
        if (progress)
            progress(counts);
    }

    // An "interrupted" error once cancelled() says so.
    [[nodiscard]] Result<void> check_cancelled() const;
};

} // namespace strata
