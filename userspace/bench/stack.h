// SPDX-License-Identifier: GPL-2.0-only
//
// Stack: the generated trees for one layer count, on disk: the lower
// layers and the flattened bare copy on tmpfs (and the read-only part again
// on ext4 for the cold rows), plus each contender's own upper and work
// directory, made from the plan's upper at first use and kept for the
// stack's life (mutating workloads use disjoint targets). Removed with it.
#pragma once

#include <set>
#include <string>
#include <utility>

#include "backing.h"
#include "contender.h"
#include "strata/result.h"
#include "tree_plan.h"

namespace strata::bench {

class Stack {
public:
    // tmpfs_dir and ext4_dir are parents; ext4_dir empty means no ext4.
    [[nodiscard]] static Result<Stack> build(const PlanOptions &options,
                                             const std::string &tmpfs_dir,
                                             const std::string &ext4_dir);

    Stack(Stack &&other) noexcept
        : plan_(std::move(other.plan_)), tmpfs_root_(std::exchange(other.tmpfs_root_, {})),
          ext4_root_(std::exchange(other.ext4_root_, {})), prepared_(std::move(other.prepared_))
    {
    }
    Stack &operator=(Stack &&) = delete;
    Stack(const Stack &) = delete;
    Stack &operator=(const Stack &) = delete;
    ~Stack();

    [[nodiscard]] const TreePlan &plan() const noexcept { return plan_; }
    [[nodiscard]] bool has(Backing backing) const noexcept
    {
        return backing == Backing::tmpfs || !ext4_root_.empty();
    }

    // The contender's view of this stack on the backing; its upper, work
    // directory and mount point are made the first time.
    [[nodiscard]] Result<UnionSpec> prepare(Contender who, Backing backing);

private:
    Stack(TreePlan plan, std::string tmpfs_root, std::string ext4_root)
        : plan_(std::move(plan)), tmpfs_root_(std::move(tmpfs_root)),
          ext4_root_(std::move(ext4_root))
    {
    }

    TreePlan plan_;
    std::string tmpfs_root_;
    std::string ext4_root_;
    std::set<std::string> prepared_;
};

} // namespace strata::bench
