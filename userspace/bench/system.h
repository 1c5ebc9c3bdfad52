// SPDX-License-Identifier: GPL-2.0-only
//
// What the runner asks of the guest system: the clock, the caches, memory
// counters, programs, directories. Every failure is an Error naming what
// was tried.
#pragma once

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strata/result.h"

namespace strata::bench {

// CLOCK_MONOTONIC in ns: under -icount shift=0, one guest instruction each.
[[nodiscard]] std::uint64_t now_ns() noexcept;

[[nodiscard]] Error sys_error(const std::string &what, int err = errno);

// sync, then drop the page cache, dentries and inodes: the next access is cold.
[[nodiscard]] Result<void> drop_caches();

// A /proc/meminfo field ("Slab", "Cached") in KiB.
[[nodiscard]] Result<std::uint64_t> meminfo_kib(const std::string &field);

// Bytes of slab objects in use (/proc/slabinfo: active objects x object
// size, summed): unlike meminfo's Slab pages, it grows with every object
// even while freed objects' pages are still half full.
[[nodiscard]] Result<std::uint64_t> slab_bytes_in_use();

[[nodiscard]] std::string kernel_release();
[[nodiscard]] unsigned online_cpus() noexcept;

// Whether /proc/filesystems lists the type (its module loaded).
[[nodiscard]] bool filesystem_known(const std::string &type);

// The program's path on PATH, if there is one.
[[nodiscard]] std::optional<std::string> find_program(const std::string &name);

// Runs argv[0] (found on PATH) and waits; an Error unless it exits 0.
[[nodiscard]] Result<void> run_program(const std::vector<std::string> &argv);

[[nodiscard]] Result<void> make_dirs(const std::string &path);

// Removes path and everything below it; absent is fine.
[[nodiscard]] Result<void> remove_tree(const std::string &path);

} // namespace strata::bench
