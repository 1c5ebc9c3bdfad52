// SPDX-License-Identifier: GPL-2.0-only
#include "contender.h"

#include "system.h"

namespace strata::bench {
namespace {

[[nodiscard]] std::string union_options(const UnionSpec &spec)
{
    std::string lowers;
    for (const std::string &l : spec.lowers)
        lowers += (lowers.empty() ? "" : ":") + l;
    return "lowerdir=" + lowers + ",upperdir=" + spec.upper + ",workdir=" + spec.work;
}

} // namespace

std::string contender_name(Contender who)
{
    switch (who) {
    case Contender::strata: return "strata";
    case Contender::overlay: return "overlay";
    case Contender::fuse_overlayfs: return "fuse-overlayfs";
    case Contender::bare: return "bare";
    }
    return "?";
}

std::optional<Contender> parse_contender(std::string_view name)
{
    for (const Contender c : {Contender::strata, Contender::overlay, Contender::fuse_overlayfs,
                              Contender::bare}) {
        if (name == contender_name(c))
            return c;
    }
    return std::nullopt;
}

std::optional<std::string> unavailable_reason(Contender who)
{
    switch (who) {
    case Contender::strata:
    case Contender::overlay:
        if (!filesystem_known(contender_name(who)))
            return "filesystem type " + contender_name(who) +
                   " not in /proc/filesystems (module not loaded)";
        return std::nullopt;
    case Contender::fuse_overlayfs:
        if (!find_program("fuse-overlayfs"))
            return "no fuse-overlayfs program on PATH";
        if (!filesystem_known("fuse"))
            return "filesystem type fuse not in /proc/filesystems (module not loaded)";
        return std::nullopt;
    case Contender::bare:
        return std::nullopt;
    }
    return "unknown contender";
}

Result<MountedView> mount_view(const UnionSpec &spec)
{
    switch (spec.who) {
    case Contender::bare:
        return MountedView{MountGuard(), spec.bare_root};
    case Contender::fuse_overlayfs:
        // It mounts, then stays in the background serving the mount.
        if (auto ran = run_program({"fuse-overlayfs", "-o", union_options(spec), spec.target}); !ran)
            return ran.error();
        return MountedView{MountGuard::adopt(spec.target), spec.target};
    case Contender::strata:
    case Contender::overlay:
        break;
    }
    auto guard = MountGuard::mount("bench", spec.target, contender_name(spec.who), union_options(spec));
    if (!guard)
        return guard.error();
    return MountedView{std::move(guard).value(), spec.target};
}

} // namespace strata::bench
