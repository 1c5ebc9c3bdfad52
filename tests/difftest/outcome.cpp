// SPDX-License-Identifier: GPL-2.0-only
#include "outcome.h"

#include "probe_text.h"

namespace strata::difftest {

std::string Outcome::to_string() const
{
    if (err != 0)
        return std::to_string(ret) + " " + probe::errno_name(err);
    return detail.empty() ? std::to_string(ret) : std::to_string(ret) + " " + detail;
}

} // namespace strata::difftest
