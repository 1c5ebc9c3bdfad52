// SPDX-License-Identifier: GPL-2.0-only
//
// The JSON form of a ResultSet, both ways. Parsing names the field that is
// missing or of the wrong type rather than throwing.
#pragma once

#include <string>

#include "result_set.h"
#include "strata/result.h"

namespace strata::bench {

[[nodiscard]] std::string to_json_text(const ResultSet &results);

[[nodiscard]] Result<ResultSet> parse_results(const std::string &text);

} // namespace strata::bench
