// SPDX-License-Identifier: GPL-2.0-only
//
// How the report writes values and rows for people: times with SI
// prefixes, sizes in KiB/MiB, a row as one readable phrase.
#pragma once

#include <cstdint>
#include <string>

#include "row_key.h"

namespace strata::bench {

// "912 ns", "12.3 us", "4.56 ms" for ns/op; "1234 B/inode"; "1.02x".
[[nodiscard]] std::string format_value(double value, const std::string &unit);

// "0 B", "4 KiB", "64 MiB".
[[nodiscard]] std::string format_bytes(std::uint64_t bytes);

// "size 1 MiB", "1024 entries", "2 threads", or "" without a parameter.
[[nodiscard]] std::string format_param(const RowKey &key);

// "stat shallow" or "readdir": the workload and its variant.
[[nodiscard]] std::string workload_label(const RowKey &key);

// "stat shallow, cold, ext4, 128 layers, icount".
[[nodiscard]] std::string describe_row(const RowKey &key);

} // namespace strata::bench
