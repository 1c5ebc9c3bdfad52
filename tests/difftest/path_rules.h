// SPDX-License-Identifier: GPL-2.0-only
//
// The path rules that keep every operation inside the union under test.
// (Not "paths.h": glibc has one, and <libmount.h> includes it.)
// Ops name objects relative to the union's root; symlink targets point
// downward from the link (no ".."), or into dangling_root, a directory that
// must not exist, so following a link can never reach the host's files nor
// the other filesystem's copy.
#pragma once

#include <string>
#include <string_view>

namespace strata::difftest {

inline constexpr std::string_view dangling_root = "/nonexistent-strata-difftest";

// Non-empty, and no whitespace, control characters or DEL: one token of a
// case-file line.
[[nodiscard]] bool is_plain_token(std::string_view text) noexcept;

// "a", "a/b/c": non-empty components, none "." or "..", no leading,
// trailing or doubled slash, no whitespace or control characters.
[[nodiscard]] bool is_safe_relative_path(std::string_view path) noexcept;

// A safe relative path, or dangling_root + "/" + a safe relative path.
[[nodiscard]] bool is_safe_symlink_target(std::string_view target) noexcept;

// "a/b" for "a/b/c"; "." for "a".
[[nodiscard]] std::string parent_path(std::string_view path);

// "a/b" for ("a", "b"); "b" for (".", "b") and ("", "b").
[[nodiscard]] std::string join_path(std::string_view dir, std::string_view name);

// How many components: 1 for "a", 3 for "a/b/c".
[[nodiscard]] std::size_t path_depth(std::string_view path) noexcept;

} // namespace strata::difftest
