// SPDX-License-Identifier: GPL-2.0-only
//
// The comparison of observations: pure functions, so that the rules of what
// counts as a difference are unit-tested without any filesystem.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "observation.h"

namespace strata::difftest {

struct FieldDiff {
    std::string path;
    std::string field; // "presence", "exists", "type", "mode", "owner", "size", ...
    std::string a;
    std::string b;

    bool operator==(const FieldDiff &) const = default;
};

// The compared fields of an observation in a fixed order, most basic first,
// as (name, rendered value); mtime only when with_mtime.
[[nodiscard]] std::vector<std::pair<std::string_view, std::string>>
observation_fields(const Observation &obs, bool with_mtime);

// The first field in which a and b differ; nullopt if none does.
[[nodiscard]] std::optional<FieldDiff> first_difference(const std::string &path,
                                                        const Observation &a,
                                                        const Observation &b, bool with_mtime);

// The first difference between two trees in path order: a path only one side
// has ("presence"), else the first field difference of a common path.
// compare_mtime says, per path, whether its mtime is compared.
[[nodiscard]] std::optional<FieldDiff>
first_tree_difference(const Tree &a, const Tree &b,
                      const std::function<bool(const std::string &)> &compare_mtime);

} // namespace strata::difftest
