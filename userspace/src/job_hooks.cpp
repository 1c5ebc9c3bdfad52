// SPDX-License-Identifier: GPL-2.0-only
#include "strata/job_hooks.h"

#include "strata/errors.h"

namespace strata {

Result<void> JobHooks::check_cancelled() const
{
    if (cancelled && cancelled())
        return content_error("interrupted");
    return {};
}

} // namespace strata
