// SPDX-License-Identifier: GPL-2.0-only
//
// strata: the command line tool for Strata (and overlayfs) layers.
//
//   strata import LAYER.tar[.gz|.zst] DIR     OCI/Docker layer tarball -> layer directory
//   strata export UPPERDIR LAYER.tar[...]     upper directory -> layer tarball
//   strata diff UPPERDIR [--lowerdir A:B]     what the upper changes (A/C/D lines)
//   strata inspect PATH [--json]              a mount's layers, an upper's contents
#include <clocale>
#include <string>

#include <fmt/core.h>

#include "commands.h"
#include "reporter.h"

namespace strata::cli {

namespace {

// The subcommand a parse error is about, for the message's prefix.
std::string failing_command(const CLI::App &app)
{
    const auto parsed = app.get_subcommands();
    return parsed.empty() ? std::string() : parsed.back()->get_name();
}

// CLI11 reports usage errors with codes of its own; ours is 2.
int parse_failure(const CLI::App &app, const CLI::ParseError &error)
{
    if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
        return app.exit(error); // --help, --version
    const std::string command = failing_command(app);
    const std::string name = command.empty() ? "strata" : "strata " + command;
    fmt::print(stderr, "{}: {}\nRun '{} --help' for usage.\n", name, error.what(), name);
    return exit_usage;
}

int run(int argc, char **argv)
{
    CLI::App app("Import, export, diff and inspect Strata and overlayfs layers.", "strata");
    app.require_subcommand(1);
    app.set_version_flag("--version", "strata " STRATA_VERSION);
    ImportArgs import_args;
    ExportArgs export_args;
    DiffArgs diff_args;
    InspectArgs inspect_args;
    const CLI::App *import = add_import(app, import_args);
    const CLI::App *export_ = add_export(app, export_args);
    const CLI::App *diff = add_diff(app, diff_args);
    add_inspect(app, inspect_args);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &error) {
        return parse_failure(app, error);
    }
    if (import->parsed())
        return run_import(import_args);
    if (export_->parsed())
        return run_export(export_args);
    if (diff->parsed())
        return run_diff(diff_args);
    return run_inspect(inspect_args);
}

} // namespace

} // namespace strata::cli

int main(int argc, char **argv)
{
    // Tar member names are converted to and from the locale's charset.
    std::setlocale(LC_ALL, "");
    return strata::cli::run(argc, argv);
}
