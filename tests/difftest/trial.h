// SPDX-License-Identifier: GPL-2.0-only
//
// run_trial: one case from scratch. Builds two copies of the layers, mounts
// filesystem A over one and B over the other, applies every op to both and
// compares after each (the op's result, then the objects it touched and
// their parents), compares the whole merged trees at the end, unmounts, and
// compares the two upper directories. Stops at the first mismatch.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "marks.h"
#include "mismatch.h"
#include "side.h"
#include "strata/result.h"
#include "test_case.h"

namespace strata::difftest {

struct TrialConfig {
    std::string fs_a = "strata";
    std::string fs_b = "overlay";
    std::string scratch;       // an existing directory; each trial works in a fresh one below
    std::string options_a;     // appended to A's mount data, e.g. "redirect_dir=off"
    std::string options_b;
    SelfTestFault fault_b = SelfTestFault::none; // TEST-ONLY, see SelfTestFault
    bool trace = false; // print each op and side A's outcome on stdout
    // user.overlay.* marks in the layers, userxattr on both mounts (--userns)
    Marks marks = Marks::trusted;
    // What inode numbers number, and d_ino against st_ino. Off in a user
    // namespace: its root cannot decode file handles, and a copy's number
    // then differs between the two until the next mount (README, "Where
    // Strata differs from overlayfs").
    bool compare_identities = true;
};

enum class Verdict { agree, mismatch, known_difference };

struct TrialOutcome {
    Verdict verdict = Verdict::agree;
    std::optional<Mismatch> mismatch; // the first one, for mismatch and known_difference
    std::string known_reason;         // the allow-list's reason, for known_difference
    std::size_t ops_applied = 0;
    std::string note;                 // e.g. that both filesystems refused the mount
};

// An Error means the trial could not run (scratch space, building a layer,
// an unmount that failed), not that the filesystems differ.
[[nodiscard]] Result<TrialOutcome> run_trial(const TrialConfig &config,
                                             const TestCase &test_case);

} // namespace strata::difftest
