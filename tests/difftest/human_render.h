// SPDX-License-Identifier: GPL-2.0-only
//
// render_human: a case as a reader wants it in a findings log: the layers
// as a listing, the ops as shell-ish lines run in the union's root (shell
// commands where one does exactly the op, the syscall otherwise).
#pragma once

#include <string>

#include "test_case.h"

namespace strata::difftest {

[[nodiscard]] std::string render_human(const TestCase &test_case);

// One op as its shell-ish line, without the newline.
[[nodiscard]] std::string render_op(const Op &op);

} // namespace strata::difftest
