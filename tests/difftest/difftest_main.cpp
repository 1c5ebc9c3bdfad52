// SPDX-License-Identifier: GPL-2.0-only
//
// strata-difftest: random differential testing of two union filesystems
// (strata against the kernel's overlay by default), with every mismatch
// shrunk to a minimal, replayable case. See cli_options.h for the command
// line, case_format.h for the case file, trial.h for what is compared.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "case_format.h"
#include "cli_options.h"
#include "generator.h"
#include "host_setup.h"
#include "human_render.h"
#include "numbers.h"
#include "scratch_dir.h"
#include "shrinker.h"
#include "trial.h"
#include "strata/text_file.h"

namespace strata::difftest {
namespace {

constexpr int exit_agree = 0;
constexpr int exit_mismatch = 1;
constexpr int exit_usage = 2;

int fail(const Error &error)
{
    std::fprintf(stderr, "strata-difftest: %s\n", error.message.c_str());
    return exit_usage;
}

// Indents every line of text by two spaces, for nesting under a heading.
[[nodiscard]] std::string indented(const std::string &text)
{
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        out += "  " + line + "\n";
    return out;
}

[[nodiscard]] std::string scratch_parent(const CliOptions &options)
{
    if (!options.scratch.empty())
        return options.scratch;
    const char *tmpdir = std::getenv("TMPDIR");
    return tmpdir && *tmpdir ? tmpdir : "/tmp";
}

// Mount options for one side: those for both, then the side's own.
[[nodiscard]] std::string join_options(const std::string &both, const std::string &side)
{
    return both.empty() || side.empty() ? both + side : both + "," + side;
}

class Runner {
public:
    Runner(const CliOptions &options, TrialConfig config)
        : options_(options), config_(std::move(config))
    {
    }

    [[nodiscard]] int run(bool user_xattrs)
    {
        std::random_device random;
        const std::uint64_t seed =
            options_.seed ? *options_.seed : (std::uint64_t{random()} << 32) | random();
        const GeneratorOptions generator{options_.ops, options_.max_lowers, user_xattrs,
                                         options_.hardlinks, options_.userns};
        std::printf("difftest: A=%s B=%s, %zu sequences of %zu ops over 1..%zu lowers, "
                    "user xattrs %s%s%s, seed %s\n",
                    config_.fs_a.c_str(), config_.fs_b.c_str(), options_.sequences, options_.ops,
                    options_.max_lowers, user_xattrs ? "on" : "off",
                    options_.hardlinks ? ", heavy in hard links" : "",
                    options_.userns ? ", in a user namespace" : "", format_seed(seed).c_str());
        const auto start = std::chrono::steady_clock::now();
        std::size_t done = 0;
        bool broken = false;
        while (done < options_.sequences && !broken) {
            const TestCase test_case = generate_case(seed + done, generator);
            std::printf("sequence %zu/%zu seed %s:%s", ++done, options_.sequences,
                        format_seed(test_case.seed).c_str(), config_.trace ? "\n" : " ");
            std::fflush(stdout);
            broken = !run_sequence(test_case);
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        std::printf("difftest: %zu sequences, %zu operations, %zu mismatches (seed %s)\n", done,
                    operations_, mismatches_, format_seed(seed).c_str());
        if (known_ > 0)
            std::printf("difftest: %zu known differences (allow-listed, not counted)\n", known_);
        std::printf("difftest: %.1f s\n", took.count());
        if (broken)
            return exit_usage;
        return mismatches_ > 0 ? exit_mismatch : exit_agree;
    }

    [[nodiscard]] int replay()
    {
        int status = exit_agree;
        for (const std::string &path : options_.cases) {
            auto text = read_text_file(path);
            auto test_case = text ? parse_case(text.value()) : Result<TestCase>(text.error());
            if (!test_case) {
                std::fprintf(stderr, "strata-difftest: %s: %s\n", path.c_str(),
                             test_case.error().message.c_str());
                status = exit_usage;
                continue;
            }
            std::printf("%s:%s", path.c_str(), config_.trace ? "\n" : " ");
            std::fflush(stdout);
            auto outcome = run_trial(config_, test_case.value());
            if (!outcome) {
                std::printf("could not run\n");
                return fail(outcome.error());
            }
            print_verdict(outcome.value());
            if (outcome.value().verdict == Verdict::mismatch) {
                std::printf("%s", indented(render_human(test_case.value())).c_str());
                status = std::max(status, exit_mismatch);
            }
        }
        return status;
    }

private:
    const CliOptions &options_;
    TrialConfig config_;
    std::size_t operations_ = 0;
    std::size_t mismatches_ = 0;
    std::size_t known_ = 0;

    void print_verdict(const TrialOutcome &outcome)
    {
        switch (outcome.verdict) {
        case Verdict::agree:
            std::printf("agree, %zu ops%s%s\n", outcome.ops_applied,
                        outcome.note.empty() ? "" : "; ", outcome.note.c_str());
            return;
        case Verdict::known_difference:
            std::printf("known difference %s (%s)\n", outcome.mismatch->signature().c_str(),
                        outcome.known_reason.c_str());
            break;
        case Verdict::mismatch:
            std::printf("MISMATCH %s\n", outcome.mismatch->signature().c_str());
            break;
        }
        std::printf("%s", indented(outcome.mismatch->describe(config_.fs_a, config_.fs_b)).c_str());
    }

    // False when the trial could not run at all.
    [[nodiscard]] bool run_sequence(const TestCase &test_case)
    {
        auto outcome = run_trial(config_, test_case);
        if (!outcome) {
            std::printf("could not run\n");
            std::fflush(stdout);
            fail(outcome.error());
            return false;
        }
        operations_ += outcome.value().ops_applied;
        print_verdict(outcome.value());
        if (outcome.value().verdict == Verdict::known_difference)
            known_++;
        if (outcome.value().verdict == Verdict::mismatch) {
            mismatches_++;
            if (options_.shrink)
                shrink_and_report(test_case, outcome.value().mismatch->signature());
            else
                save(test_case);
        }
        return true;
    }

    void shrink_and_report(const TestCase &test_case, const std::string &signature)
    {
        std::size_t errors = 0;
        std::string first_error;
        TrialConfig quiet = config_; // hundreds of replays: no trace
        quiet.trace = false;
        const auto still_fails = [&](const TestCase &candidate) {
            auto outcome = run_trial(quiet, candidate);
            if (!outcome) {
                // Usually a hard link whose target the shrinker dropped.
                if (errors++ == 0)
                    first_error = outcome.error().message;
                return false;
            }
            return outcome.value().verdict == Verdict::mismatch &&
                   outcome.value().mismatch->signature() == signature;
        };
        const ShrinkResult shrunk = shrink_case(test_case, still_fails);
        std::printf("  shrunk to %zu ops over %zu layers in %zu replays\n",
                    shrunk.test_case.ops.size(), shrunk.test_case.layers.size(), shrunk.replays);
        if (errors > 0)
            std::printf("  (%zu candidates could not run, the first: %s)\n", errors,
                        first_error.c_str());
        std::printf("  --- reproducer: case file (strata-difftest replay FILE) ---\n%s",
                    indented(format_case(shrunk.test_case)).c_str());
        std::printf("  --- reproducer: readable ---\n%s",
                    indented(render_human(shrunk.test_case)).c_str());
        if (auto again = run_trial(config_, shrunk.test_case); again && again.value().mismatch)
            std::printf("  --- its mismatch ---\n%s",
                        indented(again.value().mismatch->describe(config_.fs_a, config_.fs_b))
                            .c_str());
        save(shrunk.test_case);
    }

    void save(const TestCase &test_case)
    {
        if (options_.save_dir.empty())
            return;
        const std::string path =
            options_.save_dir + "/difftest-" + format_seed(test_case.seed) + ".case";
        if (auto written = write_text_file(path, format_case(test_case)); !written)
            std::printf("  %s\n", written.error().message.c_str());
        else
            std::printf("  saved %s\n", path.c_str());
    }
};

int run_main(std::span<char *const> argv)
{
    const std::vector<std::string_view> args(argv.begin() + 1, argv.end());
    auto parsed = parse_cli(args);
    if (!parsed) {
        std::fprintf(stderr, "strata-difftest: %s\n%s", parsed.error().message.c_str(),
                     usage_text().c_str());
        return exit_usage;
    }
    const CliOptions &options = parsed.value();
    if (options.command == Command::help) {
        std::printf("%s", usage_text().c_str());
        return exit_agree;
    }
    if (auto prepared = prepare_process(options.userns); !prepared)
        return fail(prepared.error());
    const std::string parent = scratch_parent(options);
    if (parent.find_first_of(":,\\") != std::string::npos)
        return fail(usage_error("--scratch must not contain ':', ',' or '\\' (mount options)"));
    auto scratch = ScratchDir::create(parent, "strata-difftest");
    if (!scratch)
        return fail(scratch.error());
    auto user_xattrs = supports_user_xattrs(scratch.value().path());
    if (!user_xattrs)
        return fail(user_xattrs.error());
    TrialConfig config{options.fs_a,
                       options.fs_b,
                       scratch.value().path(),
                       join_options(options.mount_options, options.mount_options_a),
                       join_options(options.mount_options, options.mount_options_b),
                       options.self_test_fault ? SelfTestFault::chmod_reports_eio
                                               : SelfTestFault::none,
                       options.trace,
                       options.userns ? Marks::user : Marks::trusted,
                       !options.userns};
    if (options.self_test_fault)
        std::printf("difftest: TEST-ONLY fault on: B reports EIO for every successful chmod\n");
    Runner runner(options, std::move(config));
    return options.command == Command::run
               ? runner.run(user_xattrs.value() && options.user_xattrs)
               : runner.replay();
}

} // namespace
} // namespace strata::difftest

int main(int argc, char **argv)
{
    return strata::difftest::run_main(std::span<char *const>(argv, static_cast<std::size_t>(argc)));
}
