// SPDX-License-Identifier: GPL-2.0-only
//
// FakeLayer: a layer held in memory, for testing the union logic without
// whiteouts on disk (which need root to create).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "strata/errors.h"
#include "strata/layer_source.h"

namespace strata::test {

class FakeLayer final : public LayerSource {
public:
    FakeLayer &dir(const std::string &path, bool opaque = false) { return add(path, {NodeKind::Directory, opaque}); }
    FakeLayer &opaque_dir(const std::string &path) { return dir(path, true); }
    FakeLayer &file(const std::string &path) { return add(path, {NodeKind::Other, false}); }
    FakeLayer &whiteout(const std::string &path) { return add(path, {NodeKind::Whiteout, false}); }
    // Reading path fails, as an unreadable directory would.
    FakeLayer &broken(const std::string &path)
    {
        broken_ = path;
        return *this;
    }

    [[nodiscard]] Result<Node> stat(const std::string &path) const override
    {
        if (path == broken_)
            return io_error("cannot stat '" + path + "'", EACCES);
        const auto it = nodes_.find(path);
        if (it != nodes_.end())
            return it->second;
        // The root is always there.
        return path.empty() ? Node{NodeKind::Directory, false} : Node{};
    }

    [[nodiscard]] Result<std::vector<std::string>> list(const std::string &path) const override
    {
        if (path == broken_)
            return io_error("cannot read '" + path + "'", EACCES);
        const std::string prefix = path.empty() ? "" : path + "/";
        std::vector<std::string> names;
        for (const auto &[child, node] : nodes_) {
            if (!child.empty() && child.starts_with(prefix) && child.size() > prefix.size() &&
                child.find('/', prefix.size()) == std::string::npos)
                names.push_back(child.substr(prefix.size()));
        }
        return names; // a std::map iterates sorted
    }

private:
    FakeLayer &add(const std::string &path, Node node)
    {
        for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            nodes_.try_emplace(path.substr(0, slash), Node{NodeKind::Directory, false});
        nodes_[path] = node;
        return *this;
    }

    std::map<std::string, Node> nodes_;
    std::string broken_ = "\n"; // no real path
};

} // namespace strata::test
