// SPDX-License-Identifier: GPL-2.0-only
#include "result_json.h"

#include <nlohmann/json.hpp>

namespace strata::bench {

// nlohmann's ADL hooks; the macro keeps field names and members in one list.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Figure, workload, variant, contender, layers, backing, cache,
                                   clock, unit, param_name, param, batch, repetitions, samples,
                                   median, p90, kernel, note)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Skip, contender, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ResultSet, tool, format, kernel, suite, clock, quick, seed,
                                   cpus, layers, contenders, skipped, notes, seconds, figures)

std::string to_json_text(const ResultSet &results)
{
    return nlohmann::json(results).dump(1) + "\n";
}

Result<ResultSet> parse_results(const std::string &text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        return usage_error("not JSON");
    if (!json.is_object() || json.value("tool", "") != "strata-bench")
        return usage_error("not a strata-bench result (no \"tool\": \"strata-bench\")");
    try {
        return json.get<ResultSet>();
    } catch (const nlohmann::json::exception &e) {
        // The library's message names the key and the type it wanted.
        return usage_error(std::string("malformed result: ") + e.what());
    }
}

} // namespace strata::bench
