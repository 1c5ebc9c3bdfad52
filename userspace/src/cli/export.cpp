// SPDX-License-Identifier: GPL-2.0-only
//
// strata export UPPERDIR LAYER
#include <unistd.h>

#include "commands.h"
#include "interrupt.h"
#include "progress_printer.h"
#include "reporter.h"
#include "strata/compression.h"
#include "strata/errors.h"
#include "strata/layer_export.h"

namespace strata::cli {

CLI::App *add_export(CLI::App &app, ExportArgs &args)
{
    CLI::App *sub = app.add_subcommand("export", "Write an upper directory as an OCI/Docker layer tarball");
    sub->add_option("UPPERDIR", args.upper, "the upper (or any layer) directory")->required();
    sub->add_option("LAYER", args.layer, "the tarball to write; - writes stdout")->required();
    sub->add_option("--compression", args.compression,
                    "auto (by LAYER's suffix: .gz, .zst, else none), none, gzip or zstd")
        ->check(CLI::IsMember({"auto", "none", "gzip", "zstd"}))
        ->capture_default_str();
    sub->add_flag("--userxattr", args.userxattr,
                  "read opaque directories from user.overlay.opaque, for unions mounted with userxattr");
    auto *progress = sub->add_flag("--progress", args.progress,
                                   "report progress on stderr even when it is not a terminal");
    sub->add_flag("--no-progress", args.no_progress, "never report progress")->excludes(progress);
    return sub;
}

int run_export(const ExportArgs &args)
{
    const Reporter reporter("export");
    if (args.layer == "-" && ::isatty(STDOUT_FILENO) == 1)
        return reporter.fail(usage_error("refusing to write a tarball to a terminal; redirect stdout"));
    ProgressPrinter printer(reporter, ProgressPrinter::wanted(args.progress, args.no_progress));
    catch_interrupts();

    ExportOptions options;
    options.userxattr = args.userxattr;
    // "auto" is the only name parse_compression does not know.
    options.compression = parse_compression(args.compression);
    options.hooks.warn = [&](const std::string &message) {
        printer.end_line();
        reporter.warn(args.upper + ": " + message);
    };
    options.hooks.progress = printer.callback();
    options.hooks.cancelled = interrupted;

    auto counts = export_layer(args.upper, args.layer, options);
    printer.end_line();
    if (!counts)
        return reporter.fail(with_context(args.upper, counts.error()));
    printer.finish(counts.value());
    return exit_ok;
}

} // namespace strata::cli
