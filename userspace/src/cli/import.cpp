// SPDX-License-Identifier: GPL-2.0-only
//
// strata import LAYER DIR
#include <unistd.h>

#include "commands.h"
#include "interrupt.h"
#include "progress_printer.h"
#include "reporter.h"
#include "strata/errors.h"
#include "strata/layer_import.h"

namespace strata::cli {

CLI::App *add_import(CLI::App &app, ImportArgs &args)
{
    CLI::App *sub = app.add_subcommand("import", "Unpack an OCI/Docker layer tarball into a layer directory");
    sub->add_option("LAYER", args.layer, "the layer tarball: tar, tar.gz or tar.zst; - reads stdin")->required();
    sub->add_option("DIR", args.dir, "the layer directory to fill: absent (it is created) or empty")
        ->required();
    sub->add_flag("--userxattr", args.userxattr,
                  "mark opaque directories with user.overlay.opaque, for unions mounted with userxattr");
    auto *progress = sub->add_flag("--progress", args.progress,
                                   "report progress on stderr even when it is not a terminal");
    sub->add_flag("--no-progress", args.no_progress, "never report progress")->excludes(progress);
    sub->footer("Whiteouts (.wh.NAME) become 0/0 character devices, opaque markers (.wh..wh..opq) "
                "the opaque xattr. Owners, devices, trusted.* and security.* xattrs (so opaque marks "
                "without --userxattr) need root, and so do whiteouts before Linux 5.8. On any failure "
                "DIR is left as it was.");
    return sub;
}

int run_import(const ImportArgs &args)
{
    const Reporter reporter("import");
    ProgressPrinter printer(reporter, ProgressPrinter::wanted(args.progress, args.no_progress));
    catch_interrupts();

    ImportOptions options;
    options.userxattr = args.userxattr;
    // Owners are kept when they can be: as root. Anyone else owns the files.
    options.restore_owners = ::geteuid() == 0;
    options.hooks.warn = [&](const std::string &message) {
        printer.end_line();
        reporter.warn(args.layer + ": " + message);
    };
    options.hooks.progress = printer.callback();
    options.hooks.cancelled = interrupted;

    auto counts = import_layer(args.layer, args.dir, options);
    printer.end_line();
    if (!counts)
        return reporter.fail(with_context(args.layer, counts.error()));
    printer.finish(counts.value());
    return exit_ok;
}

} // namespace strata::cli
