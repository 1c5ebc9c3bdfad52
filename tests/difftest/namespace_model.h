// SPDX-License-Identifier: GPL-2.0-only
//
// NamespaceModel: the generator's idea of what the union shows, so that
// most ops name objects that exist, of the kind the op wants. Built with
// overlayfs's lookup rules from the layers (a whiteout hides the name below
// it, an opaque directory or a non-directory ends the merge of the layers
// below it, a layer without the name lets the merge go on), then moved
// along op by op by a rough guess of what each op did. Only a guide for
// picking paths: the filesystems under test are the judges.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "test_case.h"

namespace strata::difftest {

enum class NodeKind { dir, file, symlink, fifo };

class NamespaceModel {
public:
    explicit NamespaceModel(const std::vector<Layer> &layers);

    // Every path the union shows, but the root.
    [[nodiscard]] const std::map<std::string, NodeKind> &visible() const noexcept
    {
        return visible_;
    }

    // Names a layer has, or an op removed, that the union does not show:
    // whiteouts, names below opaque dirs or shadowing files.
    [[nodiscard]] const std::set<std::string> &hidden() const noexcept { return hidden_; }

    // The visible paths of one kind, in path order.
    [[nodiscard]] std::vector<std::string> paths_of(NodeKind kind) const;

    // Guesses what op did, assuming it succeeded where the model says it can.
    void apply(const Op &op);

private:
    std::map<std::string, NodeKind> visible_;
    std::set<std::string> hidden_;

    void merge_dir(const std::vector<Layer> &layers, const std::string &dir,
                   const std::vector<std::size_t> &stack);
    [[nodiscard]] bool can_add(const std::string &path) const;
    void add(const std::string &path, NodeKind kind);
    void remove_tree(const std::string &path);
    // Removes the subtree at from; returns it renamed to start at to.
    [[nodiscard]] std::vector<std::pair<std::string, NodeKind>> take_tree(const std::string &from,
                                                                          const std::string &to);
    void add_all(const std::vector<std::pair<std::string, NodeKind>> &nodes);
};

} // namespace strata::difftest
