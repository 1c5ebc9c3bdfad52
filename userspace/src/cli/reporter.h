// SPDX-License-Identifier: GPL-2.0-only
//
// Reporter: how a subcommand talks to the user. Every message goes to
// stderr on one line, prefixed "strata SUBCOMMAND: ", so that output meant
// for programs (diff lines, JSON, a tarball on stdout) stays clean.
#pragma once

#include <string>
#include <string_view>

#include "strata/result.h"

namespace strata::cli {

// The tool's exit codes.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

class Reporter {
public:
    explicit Reporter(std::string_view command) : prefix_("strata " + std::string(command) + ": ") {}

    void error(std::string_view message) const;
    void warn(std::string_view message) const;
    void note(std::string_view message) const;

    // Prints the error and returns the exit code it calls for: 2 for a
    // usage error, 1 for anything else.
    [[nodiscard]] int fail(const Error &error) const;

    [[nodiscard]] const std::string &prefix() const noexcept { return prefix_; }

private:
    std::string prefix_;
};

} // namespace strata::cli
