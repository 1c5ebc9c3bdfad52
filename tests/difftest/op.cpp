// SPDX-License-Identifier: GPL-2.0-only
#include "op.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace strata::difftest {
namespace {

// The names the case file and the reports use.
constexpr std::pair<OpKind, std::string_view> op_names[] = {
    {OpKind::create, "create"},
    {OpKind::write, "write"},
    {OpKind::truncate, "truncate"},
    {OpKind::mkdir, "mkdir"},
    {OpKind::rmdir, "rmdir"},
    {OpKind::unlink, "unlink"},
    {OpKind::rename, "rename"},
    {OpKind::link, "link"},
    {OpKind::symlink, "symlink"},
    {OpKind::setxattr, "setxattr"},
    {OpKind::removexattr, "removexattr"},
    {OpKind::chmod, "chmod"},
    {OpKind::chown, "chown"},
    {OpKind::utimes, "utimes"},
    {OpKind::mknod, "mknod"},
    {OpKind::readlink, "readlink"},
    {OpKind::hold, "hold"},
    {OpKind::read_held, "read-held"},
    {OpKind::release, "release"},
};

} // namespace

std::string_view op_kind_name(OpKind kind) noexcept
{
    const auto *it = std::ranges::find(op_names, kind, &std::pair<OpKind, std::string_view>::first);
    return it == std::end(op_names) ? "?" : it->second;
}

std::optional<OpKind> op_kind_from_name(std::string_view name) noexcept
{
    const auto *it =
        std::ranges::find(op_names, name, &std::pair<OpKind, std::string_view>::second);
    if (it == std::end(op_names))
        return std::nullopt;
    return it->first;
}

} // namespace strata::difftest
