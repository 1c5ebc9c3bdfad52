// SPDX-License-Identifier: GPL-2.0-only
//
// strata inspect PATH [--json]
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "commands.h"
#include "lower_layers.h"
#include "lower_stack.h"
#include "reporter.h"
#include "strata/progress.h"
#include "strata/upper_summary.h"

namespace strata::cli {

namespace {

using Json = nlohmann::ordered_json;

struct Inspection {
    std::optional<UnionMount> mount;  // PATH's mount, or the one on PATH as upper
    std::string upper;                // empty for a union without one
    std::optional<UpperSummary> summary;
    std::string unclassified_reason;  // why copied-up and new are unknown
};

bool readable(const std::string &dir)
{
    return ::faccessat(AT_FDCWD, dir.c_str(), R_OK | X_OK, AT_EACCESS) == 0;
}

std::vector<std::string> rooted(const std::vector<std::string> &paths)
{
    std::vector<std::string> out;
    out.reserve(paths.size());
    for (const auto &path : paths)
        out.push_back("/" + path);
    return out;
}

// The summary, with copied-up and new entries when the lower layers can
// be read; otherwise the reason they are left out.
Result<void> summarize(Inspection &inspection, const std::vector<std::string> &lowers, bool userxattr)
{
    std::optional<LowerStack> stack;
    if (lowers.empty()) {
        inspection.unclassified_reason = "the layers below are not known (give --lowerdir)";
    } else if (auto opened = LowerStack::open(lowers, userxattr); opened) {
        stack.emplace(std::move(opened).value());
    } else {
        inspection.unclassified_reason = opened.error().message;
    }
    auto summary = summarize_upper(inspection.upper, userxattr, stack ? &stack->view() : nullptr);
    if (!summary)
        return summary.error();
    inspection.summary = std::move(summary).value();
    return {};
}

Result<Inspection> inspect(const InspectArgs &args)
{
    Inspection inspection;
    inspection.mount = mount_at(args.path);
    if (inspection.mount) {
        inspection.upper = inspection.mount->upper_dir;
    } else {
        inspection.mount = mount_with_upper(args.path);
        inspection.upper = args.path;
    }
    auto lowers = lower_layers(args.lowerdir, inspection.mount);
    if (!lowers)
        return lowers.error();
    if (inspection.upper.empty())
        return inspection;
    const bool userxattr = args.userxattr || (inspection.mount && inspection.mount->userxattr);
    if (auto ok = summarize(inspection, lowers.value(), userxattr); !ok)
        return ok.error();
    return inspection;
}

Json mount_json(const UnionMount &mount)
{
    Json layers = Json::array();
    for (std::size_t i = 0; i < mount.lower_layers.size(); ++i)
        layers.push_back({{"index", i + 1}, {"path", mount.lower_layers[i]}, {"readable", readable(mount.lower_layers[i])}});
    return {{"target", mount.target},     {"fstype", mount.fstype},     {"layers", layers},
            {"upperdir", mount.upper_dir.empty() ? Json() : Json(mount.upper_dir)},
            {"workdir", mount.work_dir.empty() ? Json() : Json(mount.work_dir)},
            {"userxattr", mount.userxattr}};
}

Json optional_list(const std::optional<std::vector<std::string>> &paths)
{
    return paths ? Json(rooted(*paths)) : Json();
}

Json upper_json(const std::string &upper, const UpperSummary &summary)
{
    return {{"path", upper},
            {"bytes", summary.bytes},
            {"files", summary.files},
            {"whiteouts", rooted(summary.whiteouts)},
            {"opaque_dirs", rooted(summary.opaque_dirs)},
            {"copied_up", optional_list(summary.copied_up)},
            {"new", optional_list(summary.added)}};
}

void print_json(const Inspection &inspection)
{
    const Json out = {{"mount", inspection.mount ? mount_json(*inspection.mount) : Json()},
                      {"upper", inspection.summary ? upper_json(inspection.upper, *inspection.summary) : Json()}};
    fmt::print("{}\n", out.dump(2));
}

void print_field(std::string_view name, std::string_view value)
{
    fmt::print("{:<14}{}\n", name, value);
}

void print_list(std::string_view name, const std::vector<std::string> &paths)
{
    print_field(name, std::to_string(paths.size()));
    for (const auto &path : paths)
        fmt::print("  /{}\n", path);
}

void print_mount(const UnionMount &mount)
{
    print_field("mount point", mount.target + " (" + mount.fstype + ")");
    for (std::size_t i = 0; i < mount.lower_layers.size(); ++i) {
        const std::string &layer = mount.lower_layers[i];
        print_field(i == 0 ? "layers" : "",
                    fmt::format("{:>3}  {}  {}", i + 1, layer, readable(layer) ? "readable" : "NOT READABLE"));
    }
    print_field("upperdir", mount.upper_dir.empty() ? "none (read-only union)" : mount.upper_dir);
    if (!mount.work_dir.empty())
        print_field("workdir", mount.work_dir);
}

void print_upper(const Inspection &inspection)
{
    const UpperSummary &summary = *inspection.summary;
    print_field("upper", inspection.upper);
    print_field("used", format_bytes(summary.bytes) + " in " + std::to_string(summary.files) + " files");
    print_list("whiteouts", summary.whiteouts);
    print_list("opaque dirs", summary.opaque_dirs);
    if (!summary.copied_up || !summary.added) {
        print_field("copied up", "unknown: " + inspection.unclassified_reason);
        return;
    }
    print_list("copied up", *summary.copied_up);
    print_list("new", *summary.added);
}

void print_text(const Inspection &inspection)
{
    if (inspection.mount)
        print_mount(*inspection.mount);
    if (inspection.mount && inspection.summary)
        fmt::print("\n");
    if (inspection.summary)
        print_upper(inspection);
}

} // namespace

CLI::App *add_inspect(CLI::App &app, InspectArgs &args)
{
    CLI::App *sub = app.add_subcommand("inspect", "Describe a strata or overlay mount, or an upper directory");
    sub->add_option("PATH", args.path, "a mount point of a strata or overlay union, or an upper directory")
        ->required();
    sub->add_option("--lowerdir", args.lowerdir,
                    "the layers below the upper, top first, in overlayfs syntax; default: the mount's");
    sub->add_flag("--userxattr", args.userxattr,
                  "read opaque marks from user.overlay.opaque (implied by a userxattr mount)");
    sub->add_flag("--json", args.json, "print JSON instead of text");
    return sub;
}

int run_inspect(const InspectArgs &args)
{
    const Reporter reporter("inspect");
    auto inspection = inspect(args);
    if (!inspection)
        return reporter.fail(inspection.error());
    if (args.json)
        print_json(inspection.value());
    else
        print_text(inspection.value());
    return exit_ok;
}

} // namespace strata::cli
