// SPDX-License-Identifier: GPL-2.0-only
//
// ResultSet: what one `strata-bench run` produced: the run's context, the
// contenders it left out and why, and every figure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "figure.h"

namespace strata::bench {

struct Skip {
    std::string contender;
    std::string reason;

    bool operator==(const Skip &) const = default;
};

struct ResultSet {
    std::string tool = "strata-bench";
    int format = 1;         // bumped when a field changes meaning
    std::string kernel;     // uname -r of the guest
    std::string suite;      // "icount" or "wall"
    std::string clock;      // the clock every figure of the suite uses
    bool quick = false;
    std::uint64_t seed = 0;
    unsigned cpus = 0;
    std::vector<unsigned> layers;
    std::vector<std::string> contenders; // those measured
    std::vector<Skip> skipped;           // those asked for but not measurable
    std::vector<std::string> notes;
    double seconds = 0;                  // the run's own wall time
    std::vector<Figure> figures;

    bool operator==(const ResultSet &) const = default;
};

} // namespace strata::bench
