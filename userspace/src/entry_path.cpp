// SPDX-License-Identifier: GPL-2.0-only
#include "strata/entry_path.h"

#include <algorithm>
#include <array>
#include <climits>

#include "strata/errors.h"

namespace strata {

namespace {

Result<void> check_component(std::string_view component)
{
    if (component == "..")
        return content_error("'..' component, which would land outside the layer");
    if (component.size() > NAME_MAX)
        return content_error("a component of " + std::to_string(component.size()) +
                             " bytes, longer than NAME_MAX (" + std::to_string(NAME_MAX) + ")");
    return {};
}

} // namespace

Result<PathComponents> split_entry_path(std::string_view name)
{
    if (name.empty())
        return content_error("empty name");
    if (name.front() == '/')
        return content_error("absolute path, which would land outside the layer");

    PathComponents components;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        const std::string_view component = name.substr(start, end - start);
        start = end + 1;
        if (component.empty() || component == ".")
            continue;
        if (auto ok = check_component(component); !ok)
            return ok.error();
        components.emplace_back(component);
    }
    // The joined path plus its terminating NUL must fit in PATH_MAX.
    const std::size_t length = join_path(components).size();
    if (length >= PATH_MAX)
        return content_error("a path of " + std::to_string(length) +
                             " bytes, longer than PATH_MAX (" + std::to_string(PATH_MAX) + ")");
    return components;
}

std::string join_path(const PathComponents &components, std::size_t count)
{
    std::string path;
    count = std::min(count, components.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (i)
            path += '/';
        path += components[i];
    }
    return path;
}

std::string child_path(std::string_view parent, std::string_view name)
{
    std::string path(parent);
    if (!path.empty())
        path += '/';
    path += name;
    return path;
}

namespace {

constexpr std::size_t display_limit = 120;

std::string escape_controls(std::string_view name)
{
    static constexpr std::array<char, 17> hex{"0123456789abcdef"};
    std::string out;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string display_name(std::string_view name)
{
    if (name.size() <= display_limit)
        return escape_controls(name);
    const std::size_t half = display_limit / 2;
    return escape_controls(name.substr(0, half)) + "..." +
           escape_controls(name.substr(name.size() - half)) + " (" +
           std::to_string(name.size()) + " bytes)";
}

std::string quoted_name(std::string_view name)
{
    return "'" + (name.empty() ? std::string(".") : display_name(name)) + "'";
}

} // namespace strata
