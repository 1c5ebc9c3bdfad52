// SPDX-License-Identifier: GPL-2.0-only
//
// Recording a mount in libmount's utab (/run/mount/utab), where mount(8)
// keeps the options the kernel does not store (x-*, user, ...). mount(8)
// leaves this to the helper when it execs one.
#pragma once

#include <string>

#include "strata/result.h"

namespace strata {

// Succeeds without writing when the options hold nothing for utab.
[[nodiscard]] Result<void> record_in_utab(const std::string &source, const std::string &target,
                                          const std::string &options);

} // namespace strata
