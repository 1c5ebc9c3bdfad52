// SPDX-License-Identifier: GPL-2.0-only
#include "strata/layer_checks.h"

#include <cstdlib>
#include <memory>

namespace strata {

std::string canonical_path(const std::string &path)
{
    const std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr),
                                                           &std::free);
    return real ? std::string(real.get()) : path;
}

bool path_within(std::string_view inner, std::string_view outer) noexcept
{
    while (outer.size() > 1 && outer.ends_with('/'))
        outer.remove_suffix(1);
    if (!inner.starts_with(outer))
        return false;
    return inner.size() == outer.size() || outer == "/" || inner[outer.size()] == '/';
}

namespace {

bool nested(const LayerPath &a, const LayerPath &b)
{
    return path_within(a.canonical, b.canonical) || path_within(b.canonical, a.canonical);
}

std::string named(const LayerPath &layer)
{
    return layer.role + " '" + layer.given + "'";
}

} // namespace

std::vector<std::string> overlap_problems(const std::vector<LayerPath> &lowers,
                                          const std::optional<LayerPath> &upper,
                                          const std::optional<LayerPath> &work)
{
    std::vector<std::string> problems;
    if (upper && work && nested(*upper, *work))
        problems.push_back(named(*upper) + " and " + named(*work) +
                           " are nested; make them sibling directories on one filesystem");
    for (const auto &lower : lowers) {
        for (const auto *top : {&upper, &work}) {
            if (*top && nested(lower, **top))
                problems.push_back(named(lower) + " overlaps " + named(**top) +
                                   "; the upper and work directories must lie outside every lower layer");
        }
    }
    return problems;
}

} // namespace strata
