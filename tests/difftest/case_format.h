// SPDX-License-Identifier: GPL-2.0-only
//
// The case file: one TestCase as text, what `strata-difftest replay` reads
// and what the shrinker saves. Line-oriented so that a reproducer reads and
// edits like a script, and diffs well in a regression suite:
//
//   strata-difftest-case 1
//   seed 0x2a
//   layer                                    (L1, the top layer)
//   dir a mode=0755 owner=0:0 opaque=1 xattr=user.a=v1
//   file a/b mode=0644 owner=1000:1000 size=5000 fill=77 sparse=1
//   symlink l owner=0:0 target=a/b
//   hardlink a/h target=a/b
//   fifo p mode=0600 owner=0:0
//   whiteout c
//   layer                                    (L2, below it)
//   ...
//   ops
//   write a/b 100 20 7 trunc
//   rename a/b c noreplace
//   end
//
// '#' starts a comment line; blank lines are ignored. Every token is free
// of whitespace; paths follow path_rules.h. Each op line is the op's name and
// then its fields in a fixed order (see op_syntax in case_format.cpp).
#pragma once

#include <string>
#include <string_view>

#include "strata/result.h"
#include "test_case.h"

namespace strata::difftest {

inline constexpr std::string_view case_magic = "strata-difftest-case 1";

[[nodiscard]] std::string format_case(const TestCase &test_case);

// Errors name the line: "line 7: unknown op 'frob'".
[[nodiscard]] Result<TestCase> parse_case(std::string_view text);

// One op or entry as its case-file line, without the newline.
[[nodiscard]] std::string format_op(const Op &op);
[[nodiscard]] std::string format_entry(const Entry &entry);

[[nodiscard]] Result<Op> parse_op(std::string_view line);
[[nodiscard]] Result<Entry> parse_entry(std::string_view line);

} // namespace strata::difftest
