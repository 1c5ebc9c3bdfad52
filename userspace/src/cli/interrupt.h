// SPDX-License-Identifier: GPL-2.0-only
//
// Ctrl-C and SIGTERM during an import or export: instead of dying with a
// half-written layer or tarball, the work stops at the next entry or data
// block and cleans up as after any other failure.
#pragma once

namespace strata::cli {

void catch_interrupts();

// Whether SIGINT or SIGTERM arrived since catch_interrupts().
[[nodiscard]] bool interrupted() noexcept;

} // namespace strata::cli
