// SPDX-License-Identifier: GPL-2.0-only
#include "compare.h"

#include "numbers.h"
#include "probe_text.h"

namespace strata::difftest {
namespace {

[[nodiscard]] std::string join(const std::vector<std::string> &names)
{
    std::string joined;
    for (const std::string &name : names) {
        if (!joined.empty())
            joined += ' ';
        joined += probe::escape_name(name);
    }
    return joined.empty() ? "(empty)" : joined;
}

} // namespace

std::vector<std::pair<std::string_view, std::string>> observation_fields(const Observation &obs,
                                                                         bool with_mtime)
{
    std::vector<std::pair<std::string_view, std::string>> fields;
    fields.emplace_back("exists", obs.err == 0 ? "yes" : "no, " + probe::errno_name(obs.err));
    if (obs.err != 0)
        return fields;
    fields.emplace_back("type", obs.type);
    // A whiteout is only a name: overlayfs shares one whiteout inode between
    // many names (its nlink, owner and mode mean nothing).
    if (obs.type == "whiteout")
        return fields;
    fields.emplace_back("mode", format_mode(obs.perm));
    fields.emplace_back("owner", format_owner(obs.uid, obs.gid));
    if (obs.size)
        fields.emplace_back("size", std::to_string(*obs.size));
    if (obs.nlink)
        fields.emplace_back("nlink", std::to_string(*obs.nlink));
    if (obs.type == "lnk")
        fields.emplace_back("target", obs.link_target);
    if (obs.type == "reg")
        fields.emplace_back("content", obs.content);
    fields.emplace_back("xattrs", obs.xattrs.empty() ? "(none)" : obs.xattrs);
    if (obs.type == "dir")
        fields.emplace_back("opaque", obs.opaque);
    if (obs.list_err != 0)
        fields.emplace_back("entries", "error " + probe::errno_name(obs.list_err));
    else if (obs.entries)
        fields.emplace_back("entries", join(*obs.entries));
    if (!obs.identity.empty())
        fields.emplace_back("identity", obs.identity);
    if (obs.type == "dir")
        fields.emplace_back("d_ino", obs.dino.empty() ? "agrees" : "not st_ino for " + obs.dino);
    if (with_mtime)
        fields.emplace_back("mtime", std::to_string(obs.mtime_ns));
    return fields;
}

std::optional<FieldDiff> first_difference(const std::string &path, const Observation &a,
                                          const Observation &b, bool with_mtime)
{
    const auto fa = observation_fields(a, with_mtime);
    const auto fb = observation_fields(b, with_mtime);
    // Equal types give equal field lists, so a walk in step finds the first
    // difference; "exists" or "type" differ first when the lists do not match.
    for (std::size_t i = 0; i < fa.size() && i < fb.size(); i++) {
        if (fa[i].first != fb[i].first || fa[i].second != fb[i].second)
            return FieldDiff{path, std::string(fa[i].first), fa[i].second, fb[i].second};
    }
    if (fa.size() != fb.size()) // only when a field is optional on one side
        return FieldDiff{path, "fields", std::to_string(fa.size()), std::to_string(fb.size())};
    return std::nullopt;
}

std::optional<FieldDiff>
first_tree_difference(const Tree &a, const Tree &b,
                      const std::function<bool(const std::string &)> &compare_mtime)
{
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first))
            return FieldDiff{ia->first, "presence", "present", "absent"};
        if (ia == a.end() || ib->first < ia->first)
            return FieldDiff{ib->first, "presence", "absent", "present"};
        if (auto diff = first_difference(ia->first, ia->second, ib->second,
                                         compare_mtime(ia->first)))
            return diff;
        ++ia;
        ++ib;
    }
    return std::nullopt;
}

} // namespace strata::difftest
