// SPDX-License-Identifier: GPL-2.0-only
//
// strata diff UPPERDIR [--lowerdir A:B:...]
#include <fmt/core.h>

#include "commands.h"
#include "dir_layer.h"
#include "lower_layers.h"
#include "lower_stack.h"
#include "reporter.h"
#include "strata/layer_diff.h"

namespace strata::cli {

CLI::App *add_diff(CLI::App &app, DiffArgs &args)
{
    CLI::App *sub = app.add_subcommand("diff", "List what an upper directory changes, as docker diff does");
    sub->add_option("UPPERDIR", args.upper, "the upper directory")->required();
    sub->add_option("--lowerdir", args.lowerdir,
                    "the layers below, top first, in overlayfs syntax (A:B:C, '\\:' for a colon); "
                    "default: those of the mounted union on UPPERDIR");
    sub->add_flag("--userxattr", args.userxattr,
                  "read opaque marks from user.overlay.opaque (implied by a userxattr mount)");
    sub->footer("Each line is A (added), C (changed: the path exists below) or D (deleted) and the path.");
    return sub;
}

int run_diff(const DiffArgs &args)
{
    const Reporter reporter("diff");
    const auto mount = mount_with_upper(args.upper);
    auto lowers = lower_layers(args.lowerdir, mount);
    if (!lowers)
        return reporter.fail(lowers.error());
    if (lowers.value().empty())
        reporter.note("no --lowerdir given and no mounted union has '" + args.upper +
                      "' as its upper: treating it as a base layer, where everything is added");
    const bool userxattr = args.userxattr || (mount && mount->userxattr);
    auto stack = LowerStack::open(lowers.value(), userxattr);
    if (!stack)
        return reporter.fail(stack.error());
    auto upper = DirLayer::open(args.upper, userxattr);
    if (!upper)
        return reporter.fail(upper.error());
    auto changes = compute_diff(upper.value(), stack.value().view());
    if (!changes)
        return reporter.fail(changes.error());
    for (const auto &change : changes.value())
        fmt::print("{}\n", format_change(change));
    return exit_ok;
}

} // namespace strata::cli
