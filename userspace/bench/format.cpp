// SPDX-License-Identifier: GPL-2.0-only
#include "format.h"

#include <cmath>

#include <fmt/format.h>

namespace strata::bench {
namespace {

[[nodiscard]] std::string format_ns(double ns)
{
    const double magnitude = std::fabs(ns);
    if (magnitude < 1e3)
        return fmt::format("{:.0f} ns", ns);
    if (magnitude < 1e6)
        return fmt::format("{:.3g} us", ns / 1e3);
    if (magnitude < 1e9)
        return fmt::format("{:.3g} ms", ns / 1e6);
    return fmt::format("{:.3g} s", ns / 1e9);
}

} // namespace

std::string format_value(double value, const std::string &unit)
{
    if (unit == "ns/op")
        return format_ns(value);
    if (unit == "bytes/inode")
        return fmt::format("{:.0f} B/inode", value);
    if (unit == "x file size")
        return fmt::format("{:.2f}x", value);
    return fmt::format("{:.4g} {}", value, unit);
}

std::string format_bytes(std::uint64_t bytes)
{
    if (bytes >= (1U << 20) && bytes % (1U << 20) == 0)
        return fmt::format("{} MiB", bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0)
        return fmt::format("{} KiB", bytes >> 10);
    return fmt::format("{} B", bytes);
}

std::string format_param(const RowKey &key)
{
    if (key.param_name.empty())
        return "";
    if (key.param_name == "size")
        return "size " + format_bytes(key.param);
    return fmt::format("{} {}", key.param, key.param_name);
}

std::string workload_label(const RowKey &key)
{
    return key.variant.empty() ? key.workload : key.workload + " " + key.variant;
}

std::string describe_row(const RowKey &key)
{
    std::string text = workload_label(key);
    if (const std::string param = format_param(key); !param.empty())
        text += ", " + param;
    if (key.cache != "-")
        text += ", " + key.cache;
    return text + fmt::format(", {}, {} layer{}, {}", key.backing, key.layers,
                              key.layers == 1 ? "" : "s", key.clock);
}

} // namespace strata::bench
