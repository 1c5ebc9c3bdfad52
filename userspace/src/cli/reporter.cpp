// SPDX-License-Identifier: GPL-2.0-only
#include "reporter.h"

#include <fmt/core.h>

namespace strata::cli {

void Reporter::error(std::string_view message) const
{
    fmt::print(stderr, "{}{}\n", prefix_, message);
}

void Reporter::warn(std::string_view message) const
{
    fmt::print(stderr, "{}warning: {}\n", prefix_, message);
}

void Reporter::note(std::string_view message) const
{
    fmt::print(stderr, "{}note: {}\n", prefix_, message);
}

int Reporter::fail(const Error &error) const
{
    this->error(error.message);
    return error.failure == Failure::Usage ? exit_usage : exit_failure;
}

} // namespace strata::cli
