// SPDX-License-Identifier: GPL-2.0-only
//
// The goals of issue 7, each judged against the measured figures: the
// worst qualifying row, met or missed, by how much, and what the figures
// say about why (fixed cost against per-layer cost).
#pragma once

#include <string>
#include <vector>

#include "figure_index.h"

namespace strata::bench {

enum class GoalStatus { met, missed, no_data };

struct GoalVerdict {
    std::string goal;     // the goal as the issue states it
    std::string target;   // the bound, e.g. "strata/overlay <= 1.05"
    std::string measured; // the worst qualifying row's value and which row
    GoalStatus status = GoalStatus::no_data;
    std::string detail;   // by how much, and the evidence
};

[[nodiscard]] std::vector<GoalVerdict> evaluate_goals(const FigureIndex &index);

[[nodiscard]] const char *status_name(GoalStatus status) noexcept;

} // namespace strata::bench
