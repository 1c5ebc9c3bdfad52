// SPDX-License-Identifier: GPL-2.0-only
#include "cli_options.h"

#include <algorithm>
#include <iterator>

#include "numbers.h"

namespace strata::difftest {
namespace {

// Bounds that keep a typo from asking for days of work or an unmountable union.
constexpr std::uint64_t max_sequences = 1000000;
constexpr std::uint64_t max_ops = 100000;
constexpr std::uint64_t lowers_limit = 64;

enum class Opt {
    seed, sequences, ops, max_lowers, fs_a, fs_b, scratch, save_dir, mount_options,
    mount_options_a, mount_options_b,
    no_shrink, no_user_xattrs, hardlinks, userns, trace, self_test_fault,
};

struct OptSpec {
    std::string_view name;
    Opt opt;
    bool takes_value;
    bool run_only;
};

constexpr OptSpec opt_specs[] = {
    {"--seed", Opt::seed, true, true},
    {"--sequences", Opt::sequences, true, true},
    {"--ops", Opt::ops, true, true},
    {"--max-lowers", Opt::max_lowers, true, true},
    {"--fs-a", Opt::fs_a, true, false},
    {"--fs-b", Opt::fs_b, true, false},
    {"--scratch", Opt::scratch, true, false},
    {"--save-dir", Opt::save_dir, true, true},
    {"--mount-options", Opt::mount_options, true, false},
    {"--mount-options-a", Opt::mount_options_a, true, false},
    {"--mount-options-b", Opt::mount_options_b, true, false},
    {"--no-shrink", Opt::no_shrink, false, true},
    {"--no-user-xattrs", Opt::no_user_xattrs, false, true},
    {"--hardlinks", Opt::hardlinks, false, true},
    {"--userns", Opt::userns, false, false},
    {"--trace", Opt::trace, false, false},
    {"--self-test-fault", Opt::self_test_fault, false, false},
};

[[nodiscard]] Result<std::size_t> count_value(std::string_view name, std::string_view text,
                                              std::uint64_t min, std::uint64_t max)
{
    const auto value = parse_u64(text);
    if (!value || *value < min || *value > max)
        return usage_error(std::string(name) + " wants a number from " + std::to_string(min) +
                           " to " + std::to_string(max) + ", not '" + std::string(text) + "'");
    return static_cast<std::size_t>(*value);
}

[[nodiscard]] Result<void> apply(CliOptions &options, const OptSpec &spec, std::string_view value)
{
    const auto set_count = [&](std::size_t &out, std::uint64_t min, std::uint64_t max) {
        auto count = count_value(spec.name, value, min, max);
        if (!count)
            return Result<void>(count.error());
        out = count.value();
        return Result<void>();
    };
    if (spec.takes_value && value.empty())
        return usage_error(std::string(spec.name) + " wants a non-empty value");
    switch (spec.opt) {
    case Opt::seed:
        options.seed = parse_seed(value);
        if (!options.seed)
            return usage_error("--seed wants a number, not '" + std::string(value) + "'");
        return {};
    case Opt::sequences: return set_count(options.sequences, 1, max_sequences);
    case Opt::ops: return set_count(options.ops, 0, max_ops);
    case Opt::max_lowers: return set_count(options.max_lowers, 1, lowers_limit);
    case Opt::fs_a: options.fs_a = value; return {};
    case Opt::fs_b: options.fs_b = value; return {};
    case Opt::scratch: options.scratch = value; return {};
    case Opt::save_dir: options.save_dir = value; return {};
    case Opt::mount_options: options.mount_options = value; return {};
    case Opt::mount_options_a: options.mount_options_a = value; return {};
    case Opt::mount_options_b: options.mount_options_b = value; return {};
    case Opt::no_shrink: options.shrink = false; return {};
    case Opt::no_user_xattrs: options.user_xattrs = false; return {};
    case Opt::hardlinks: options.hardlinks = true; return {};
    case Opt::userns: options.userns = true; return {};
    case Opt::trace: options.trace = true; return {};
    case Opt::self_test_fault: options.self_test_fault = true; return {};
    }
    return {};
}

} // namespace

Result<CliOptions> parse_cli(std::span<const std::string_view> args)
{
    CliOptions options;
    if (args.empty())
        return usage_error("no command");
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help")
        return options;
    if (args[0] != "run" && args[0] != "replay")
        return usage_error("unknown command '" + std::string(args[0]) + "'");
    options.command = args[0] == "run" ? Command::run : Command::replay;
    for (std::size_t i = 1; i < args.size(); i++) {
        const std::string_view arg = args[i];
        if (!arg.starts_with("--")) {
            if (options.command == Command::run)
                return usage_error("run takes no '" + std::string(arg) + "'");
            options.cases.emplace_back(arg);
            continue;
        }
        const auto eq = arg.find('=');
        const auto *spec = std::ranges::find(opt_specs, arg.substr(0, eq), &OptSpec::name);
        if (spec == std::end(opt_specs) ||
            (spec->run_only && options.command != Command::run))
            return usage_error("unknown option '" + std::string(arg) + "' for " +
                               std::string(args[0]));
        std::string_view value;
        if (eq != std::string_view::npos) {
            if (!spec->takes_value)
                return usage_error(std::string(spec->name) + " takes no value");
            value = arg.substr(eq + 1);
        } else if (spec->takes_value) {
            if (++i == args.size())
                return usage_error(std::string(spec->name) + " wants a value");
            value = args[i];
        }
        if (auto applied = apply(options, *spec, value); !applied)
            return applied.error();
    }
    if (options.command == Command::replay && options.cases.empty())
        return usage_error("replay wants at least one CASE file");
    return options;
}

std::string usage_text()
{
    return "usage:\n"
           "  strata-difftest run [--seed S] [--sequences K] [--ops N] [--max-lowers L]\n"
           "                      [--fs-a T] [--fs-b T] [--scratch DIR] [--save-dir DIR]\n"
           "                      [--mount-options[-a|-b] OPTS] [--no-shrink] [--trace]\n"
           "                      [--no-user-xattrs] [--hardlinks] [--userns]\n"
           "  strata-difftest replay [--fs-a T] [--fs-b T] [--scratch DIR]\n"
           "                         [--mount-options[-a|-b] OPTS] [--trace] [--userns] CASE...\n"
           "\n"
           "Random differential testing of two union filesystems (default: strata as A,\n"
           "the kernel's overlay as B). run: K sequences (default 50) of N ops (40) over\n"
           "1..L lower layers (16); each mismatch is shrunk to a minimal case, printed,\n"
           "and saved in --save-dir. replay: run saved cases. Exit status: 0 the two\n"
           "agree, 1 a mismatch, 2 usage or setup error. Needs root; --userns: run as\n"
           "the root of a user namespace (unshare -Urm), where layers carry\n"
           "user.overlay.* marks, are owned by 0, and both unions mount with userxattr.\n";
}

} // namespace strata::difftest
