// SPDX-License-Identifier: GPL-2.0-only
//
// CliOptions: strata-difftest's command line, parsed without side effects.
//
//   strata-difftest run [--seed S] [--sequences K] [--ops N] [--max-lowers L]
//                       [--fs-a T] [--fs-b T] [--scratch DIR] [--save-dir DIR]
//                       [--mount-options[-a|-b] OPTS] [--no-shrink] [--trace]
//                       [--no-user-xattrs]
//   strata-difftest replay [--fs-a T] [--fs-b T] [--scratch DIR]
//                          [--mount-options[-a|-b] OPTS] [--trace] CASE...
//
// --mount-options go to both mounts, --mount-options-a and -b (after them)
// to one side only: overlay against overlay with another option on one
// side is how the comparison itself is tested. Every option takes its value
// as the next argument or after '='. A seed means the same case only with
// the same --ops, --max-lowers and user-xattr setting: on a scratch without
// user xattrs (tmpfs before Linux 6.6) they are left out by themselves, and
// --no-user-xattrs leaves them out anywhere, to repeat such a run's seeds.
// --self-test-fault (TEST-ONLY, not in the usage text) makes side B report
// EIO for every successful chmod: the shrinker's end-to-end self-test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "strata/result.h"

namespace strata::difftest {

enum class Command { run, replay, help };

struct CliOptions {
    Command command = Command::help;
    std::optional<std::uint64_t> seed; // run: a random one when absent
    std::size_t sequences = 50;
    std::size_t ops = 40;
    std::size_t max_lowers = 16;
    std::string fs_a = "strata";
    std::string fs_b = "overlay";
    std::string scratch;  // default: $TMPDIR, else /tmp
    std::string save_dir; // run: where shrunk cases go; none when empty
    std::string mount_options;   // both sides
    std::string mount_options_a; // side A only
    std::string mount_options_b;
    bool shrink = true;
    bool user_xattrs = true; // run: false as on a scratch without them, to repeat its seeds
    bool hardlinks = false;  // run: a generator heavy in hard links
    bool userns = false;     // running inside a user namespace: user.overlay.* and userxattr
    bool trace = false; // print every op and its outcome
    bool self_test_fault = false; // TEST-ONLY
    std::vector<std::string> cases; // replay
};

[[nodiscard]] Result<CliOptions> parse_cli(std::span<const std::string_view> args);

[[nodiscard]] std::string usage_text();

} // namespace strata::difftest
