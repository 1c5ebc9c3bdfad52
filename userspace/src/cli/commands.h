// SPDX-License-Identifier: GPL-2.0-only
//
// The subcommands of `strata`: each declares its options on the parser
// and runs once they are parsed, returning the exit code.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace strata::cli {

struct ImportArgs {
    std::string layer; // the tarball, "-" for stdin
    std::string dir;
    bool userxattr = false;
    bool progress = false;
    bool no_progress = false;
};

struct ExportArgs {
    std::string upper;
    std::string layer; // the tarball, "-" for stdout
    std::string compression = "auto";
    bool userxattr = false;
    bool progress = false;
    bool no_progress = false;
};

struct DiffArgs {
    std::string upper;
    std::string lowerdir;
    bool userxattr = false;
};

struct InspectArgs {
    std::string path;
    std::string lowerdir;
    bool userxattr = false;
    bool json = false;
};

CLI::App *add_import(CLI::App &app, ImportArgs &args);
CLI::App *add_export(CLI::App &app, ExportArgs &args);
CLI::App *add_diff(CLI::App &app, DiffArgs &args);
CLI::App *add_inspect(CLI::App &app, InspectArgs &args);

[[nodiscard]] int run_import(const ImportArgs &args);
[[nodiscard]] int run_export(const ExportArgs &args);
[[nodiscard]] int run_diff(const DiffArgs &args);
[[nodiscard]] int run_inspect(const InspectArgs &args);

} // namespace strata::cli
