// SPDX-License-Identifier: GPL-2.0-only
#include "stack.h"

#include <cstdio>

#include <fmt/format.h>

#include "system.h"
#include "tree_writer.h"

namespace strata::bench {
namespace {

// What the ext4 copy holds: only what read-only rows touch.
[[nodiscard]] std::vector<PlanEntry> read_only(const std::vector<PlanEntry> &entries)
{
    return only_groups(entries, {Group::image, Group::read_probe});
}

[[nodiscard]] std::string layer_dir(const std::string &root, std::size_t i)
{
    return fmt::format("{}/l{:03}", root, i);
}

[[nodiscard]] Result<void> write_copy(const TreePlan &plan, const std::string &root, bool all)
{
    for (std::size_t i = 0; i < plan.lowers.size(); i++) {
        if (auto w = write_tree(layer_dir(root, i), all ? plan.lowers[i] : read_only(plan.lowers[i])); !w)
            return w;
    }
    const std::vector<PlanEntry> merged = flatten(plan);
    return write_tree(root + "/bare", all ? merged : read_only(merged));
}

} // namespace

Result<Stack> Stack::build(const PlanOptions &options, const std::string &tmpfs_dir,
                           const std::string &ext4_dir)
{
    const std::string name = fmt::format("/L{}", options.layers);
    Stack stack(make_plan(options), tmpfs_dir + name, ext4_dir.empty() ? "" : ext4_dir + name);
    if (auto w = write_copy(stack.plan_, stack.tmpfs_root_, true); !w)
        return w.error();
    if (!stack.ext4_root_.empty()) {
        if (auto w = write_copy(stack.plan_, stack.ext4_root_, false); !w)
            return w.error();
    }
    return stack;
}

Stack::~Stack()
{
    for (const std::string &root : {tmpfs_root_, ext4_root_}) {
        if (root.empty())
            continue;
        if (auto removed = remove_tree(root); !removed)
            std::fprintf(stderr, "strata-bench: %s\n", removed.error().message.c_str());
    }
}

Result<UnionSpec> Stack::prepare(Contender who, Backing backing)
{
    if (!has(backing))
        return Error{Failure::Usage, "no ext4 for " + backing_name(backing), 0};
    const std::string key = backing_name(backing) + "-" + contender_name(who);
    const std::string &lower_root = backing == Backing::ext4 ? ext4_root_ : tmpfs_root_;
    const std::string dir =
        (backing == Backing::ext4_upper ? ext4_root_ : tmpfs_root_) + "/u-" + key;
    UnionSpec spec{who, {}, dir + "/upper", dir + "/work", tmpfs_root_ + "/m-" + key,
                   lower_root + "/bare"};
    for (std::size_t i = 0; i < plan_.lowers.size(); i++)
        spec.lowers.push_back(layer_dir(lower_root, i));
    if (prepared_.contains(key))
        return spec;
    // The bare contender's upper is where the copy floor writes: no whiteouts.
    const std::vector<PlanEntry> upper =
        who == Contender::bare ? std::vector<PlanEntry>{}
        : backing == Backing::ext4 ? read_only(plan_.upper) : plan_.upper;
    for (auto made : {write_tree(spec.upper, upper), make_dirs(spec.work), make_dirs(spec.target)}) {
        if (!made)
            return made.error();
    }
    prepared_.insert(key);
    return spec;
}

} // namespace strata::bench
