// SPDX-License-Identifier: GPL-2.0-only
#include "path_rules.h"

#include <algorithm>

namespace strata::difftest {
namespace {

[[nodiscard]] bool is_plain_char(char c) noexcept
{
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7f;
}

} // namespace

bool is_plain_token(std::string_view text) noexcept
{
    return !text.empty() && std::ranges::all_of(text, is_plain_char);
}

bool is_safe_relative_path(std::string_view path) noexcept
{
    if (!is_plain_token(path))
        return false;
    for (;;) {
        const auto slash = path.find('/');
        const std::string_view component = path.substr(0, slash);
        if (component.empty() || component == "." || component == "..")
            return false;
        if (slash == std::string_view::npos)
            return true;
        path.remove_prefix(slash + 1);
    }
}

bool is_safe_symlink_target(std::string_view target) noexcept
{
    if (target.starts_with(dangling_root)) {
        target.remove_prefix(dangling_root.size());
        if (!target.starts_with('/'))
            return false;
        target.remove_prefix(1);
    }
    return is_safe_relative_path(target);
}

std::string parent_path(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string(".") : std::string(path.substr(0, slash));
}

std::string join_path(std::string_view dir, std::string_view name)
{
    if (dir.empty() || dir == ".")
        return std::string(name);
    std::string joined(dir);
    joined += '/';
    joined += name;
    return joined;
}

std::size_t path_depth(std::string_view path) noexcept
{
    return path.empty() ? 0 : static_cast<std::size_t>(std::ranges::count(path, '/')) + 1;
}

} // namespace strata::difftest
