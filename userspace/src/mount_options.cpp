// SPDX-License-Identifier: GPL-2.0-only
#include "strata/mount_options.h"

namespace strata {

namespace {

// Position of the first '=' not escaped by a backslash, or npos.
std::size_t find_unescaped_equals(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '=')
            return i;
    }
    return std::string_view::npos;
}

Result<MountOption> parse_option(std::string_view text)
{
    const std::size_t eq = find_unescaped_equals(text);
    if (eq == 0)
        return usage_error("mount option '" + std::string(text) + "' has no name");
    if (eq == std::string_view::npos)
        return MountOption{std::string(text), std::nullopt};
    return MountOption{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

} // namespace

Result<std::vector<MountOption>> split_options(std::string_view options)
{
    std::vector<MountOption> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= options.size(); ++i) {
        if (i < options.size() && options[i] == '\\') {
            if (++i == options.size())
                return usage_error("mount options '" + std::string(options) +
                                   "' end with a lone backslash");
            continue;
        }
        if (i < options.size() && options[i] != ',')
            continue;
        if (i > start) {
            auto option = parse_option(options.substr(start, i - start));
            if (!option)
                return option.error();
            out.push_back(std::move(option).value());
        }
        start = i + 1;
    }
    return out;
}

} // namespace strata
