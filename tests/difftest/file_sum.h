// SPDX-License-Identifier: GPL-2.0-only
//
// sum_from_start: a file's bytes from offset 0 to EOF as "SIZE HASH" (the
// FNV-1a of strata-probe's read-sum), read with pread so the fd's position
// does not matter. The observer hashes contents with it, and read-held
// reports what a held fd reads.
#pragma once

#include <string>

namespace strata::difftest {

// Sets sum and returns 0, or returns the errno of the read that failed.
[[nodiscard]] int sum_from_start(int fd, std::string &sum);

} // namespace strata::difftest
