// SPDX-License-Identifier: GPL-2.0-only
#include "strata/lowerdir.h"

namespace strata {

Result<std::vector<std::string>> split_lowerdir(std::string_view value)
{
    if (value.empty())
        return usage_error("lowerdir is empty: give at least one layer");

    std::vector<std::string> layers(1);
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == ':') {
            layers.emplace_back();
        } else if (c != '\\') {
            layers.back() += c;
        } else if (++i < value.size()) {
            layers.back() += value[i];
        } else {
            return usage_error("lowerdir '" + std::string(value) +
                               "' ends with a lone backslash");
        }
    }
    for (std::size_t n = 0; n < layers.size(); ++n) {
        if (layers[n].empty())
            return usage_error("lowerdir '" + std::string(value) +
                               "' has an empty layer at position " +
                               std::to_string(n + 1) +
                               " (use '\\:' for a colon in a path)");
    }
    return layers;
}

std::string escape_layer(std::string_view path)
{
    std::string out;
    out.reserve(path.size());
    for (const char c : path) {
        if (c == '\\' || c == ':' || c == ',')
            out += '\\';
        out += c;
    }
    return out;
}

std::string join_lowerdir(const std::vector<std::string> &layers)
{
    std::string out;
    for (const auto &layer : layers) {
        if (!out.empty())
            out += ':';
        out += escape_layer(layer);
    }
    return out;
}

std::string unescape_path(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && ++i == value.size())
            break;
        out += value[i];
    }
    return out;
}

} // namespace strata
