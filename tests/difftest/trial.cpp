// SPDX-License-Identifier: GPL-2.0-only
#include "trial.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

#include "allow_list.h"
#include "case_format.h"
#include "compare.h"
#include "identity.h"
#include "layer_builder.h"
#include "mtime_pins.h"
#include "observer.h"
#include "path_rules.h"
#include "probe_text.h"
#include "scratch_dir.h"
#include "mount_guard.h"
#include "unique_fd.h"

namespace strata::difftest {
namespace {

// mount(2) copies at most one page of data.
constexpr std::size_t max_mount_data = 4095;

// Every path some lower layer of the case holds, its parents included.
[[nodiscard]] std::set<std::string> lower_paths(const TestCase &test_case)
{
    std::set<std::string> paths;
    for (const Layer &layer : test_case.layers) {
        for (const Entry &entry : layer) {
            for (std::size_t end = entry.path.find('/'); end != std::string::npos;
                 end = entry.path.find('/', end + 1))
                paths.insert(entry.path.substr(0, end));
            paths.insert(entry.path);
        }
    }
    return paths;
}

// Whether an upper directory above path is opaque: then no lower layer is
// looked at below it.
[[nodiscard]] bool below_opaque(const Tree &upper, const std::string &path)
{
    for (std::size_t end = path.rfind('/'); end != std::string::npos;
         end = end ? path.rfind('/', end - 1) : std::string::npos) {
        const auto parent = upper.find(path.substr(0, end));
        if (parent != upper.end() && parent->second.opaque == "y")
            return true;
        if (end == 0)
            break;
    }
    return false;
}

// An opaque mark on an upper directory that no lower layer could show
// through (no lower holds its path, or an opaque directory above it already
// hides the lowers) hides nothing, and the two filesystems need not agree on
// it: overlayfs marks the source of a directory rename before the rename can
// still fail (ENOTEMPTY), and keeps the mark; strata marks only what it moves.
void mute_inert_opaque_marks(Tree &upper, const std::set<std::string> &lower)
{
    std::vector<std::string> inert;
    for (const auto &[path, obs] : upper) {
        if (obs.type == "dir" && (!lower.contains(path) || below_opaque(upper, path)))
            inert.push_back(path);
    }
    for (const std::string &path : inert)
        upper[path].opaque = "(hides nothing)";
}

struct SideDirs {
    std::vector<std::string> lowers; // L1 (top) first
    std::string upper;
    std::string work;
    std::string merged;
};

[[nodiscard]] Error system_error(const std::string &what, int err = errno)
{
    return Error{Failure::System, what + ": " + std::strerror(err), err};
}

[[nodiscard]] Result<void> make_dir(const std::string &path)
{
    if (::mkdir(path.c_str(), 0755) < 0)
        return system_error("mkdir " + path);
    return {};
}

// The paths an op touched, and their parents, each once.
[[nodiscard]] std::vector<std::string>
touched_paths(const Op &op, const std::array<std::string, held_slots> &held)
{
    std::vector<std::string> named;
    if (op.kind == OpKind::read_held || op.kind == OpKind::release) {
        if (!held[op.slot].empty())
            named.push_back(held[op.slot]);
    } else {
        named.push_back(op.path);
    }
    if (op.kind == OpKind::rename || op.kind == OpKind::link)
        named.push_back(op.path2);
    std::vector<std::string> paths;
    for (const std::string &path : named) {
        for (std::string p : {path, parent_path(path)}) {
            if (std::ranges::find(paths, p) == paths.end())
                paths.push_back(std::move(p));
        }
    }
    return paths;
}

[[nodiscard]] bool is_symlink_at(int root_fd, const std::string &path)
{
    struct stat st {};
    return ::fstatat(root_fd, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

class TrialRun {
public:
    TrialRun(const TrialConfig &config, const TestCase &test_case)
        : config_(config), case_(test_case)
    {
    }

    [[nodiscard]] Result<TrialOutcome> run()
    {
        auto scratch = ScratchDir::create(config_.scratch, "trial");
        if (!scratch)
            return scratch.error();
        auto dirs_a = prepare(scratch.value().path() + "/a");
        if (!dirs_a)
            return dirs_a.error();
        auto dirs_b = prepare(scratch.value().path() + "/b");
        if (!dirs_b)
            return dirs_b.error();
        for (auto [ids, dirs] : {std::pair{&ids_a_, &dirs_a.value()}, {&ids_b_, &dirs_b.value()}}) {
            auto made = Identities::of_layers(dirs->lowers, dirs->upper);
            if (!made)
                return made.error();
            *ids = std::move(made).value();
        }
        const auto run_ops = [this](Side &a, Side &b) {
            for (std::size_t i = 0; i < case_.ops.size() && !outcome_.mismatch; i++)
                step(a, b, i);
            if (!outcome_.mismatch)
                compare_trees(a, b);
        };
        if (auto ops = mounted_phase(dirs_a.value(), dirs_b.value(), true, run_ops); !ops)
            return ops.error();
        else if (!ops.value())
            return outcome_;
        // Mounted again, each union must show what it showed, inode
        // numbers included (identities): nothing held only in memory.
        const auto compare_again = [this](Side &a, Side &b) { compare_trees(a, b, "remount "); };
        if (auto again = mounted_phase(dirs_a.value(), dirs_b.value(), false, compare_again); !again)
            return again.error();
        else if (!again.value())
            return outcome_;
        if (auto upper = compare_uppers(dirs_a.value(), dirs_b.value()); !upper)
            return upper.error();
        return outcome_;
    }

private:
    const TrialConfig &config_;
    const TestCase &case_;
    TrialOutcome outcome_;
    MtimePins pins_;
    std::array<std::string, held_slots> held_; // the path each slot's fd was opened on
    Identities ids_a_, ids_b_;                 // what each side's inode numbers number

    [[nodiscard]] static Result<void> unmount_both(MountGuard &a, MountGuard &b)
    {
        for (MountGuard *m : {&a, &b}) {
            if (auto unmounted = m->unmount(); !unmounted)
                return unmounted.error();
        }
        return {};
    }

    [[nodiscard]] Observer merged_view(const Side &side, const std::string &fstype,
                                       const Identities &ids) const
    {
        Observer seen(side.root_fd(), side.root_path(), View::merged, phantoms_of(fstype));
        seen.with_marks(config_.marks);
        if (config_.compare_identities)
            seen.with_identities(&ids);
        return seen;
    }

    [[nodiscard]] Result<SideDirs> prepare(const std::string &base)
    {
        SideDirs dirs{{}, base + "/upper", base + "/work", base + "/merged"};
        for (const std::string &dir : {base, dirs.upper, dirs.work, dirs.merged}) {
            if (auto made = make_dir(dir); !made)
                return made.error();
        }
        for (std::size_t i = 0; i < case_.layers.size(); i++) {
            dirs.lowers.push_back(base + "/l" + std::to_string(i + 1));
            if (auto made = make_dir(dirs.lowers.back()); !made)
                return made.error();
            if (auto built = build_layer(dirs.lowers.back(), case_.layers[i], i, config_.marks);
                !built)
                return built.error();
        }
        // The union's root is the upper's: its mtime must be fixed too.
        if (auto set = set_fixed_root_time(dirs.upper, case_.layers.size()); !set)
            return set.error();
        return dirs;
    }

    [[nodiscard]] Result<MountGuard> mount(const std::string &fstype, const SideDirs &dirs,
                                           const std::string &options) const
    {
        std::string data = "lowerdir=";
        for (std::size_t i = 0; i < dirs.lowers.size(); i++)
            data += (i ? ":" : "") + dirs.lowers[i];
        data += ",upperdir=" + dirs.upper + ",workdir=" + dirs.work;
        if (config_.marks == Marks::user)
            data += ",userxattr";
        if (!options.empty())
            data += "," + options;
        if (data.size() > max_mount_data)
            return Error{Failure::Usage, "mount data longer than a page: use a shorter --scratch",
                         0};
        return MountGuard::mount(fstype, dirs.merged, data);
    }

    // A mount that failed for a reason that is no answer of the filesystem:
    // no mount(2) errno at all, or ENODEV (no such filesystem type).
    [[nodiscard]] static Result<void> check_mount(const Result<MountGuard> &m,
                                                  const std::string &fstype)
    {
        if (!m && m.error().sys_errno == 0)
            return m.error();
        if (!m && m.error().sys_errno == ENODEV)
            return Error{Failure::Usage,
                         "filesystem type '" + fstype + "' is not available (module not loaded?)",
                         ENODEV};
        return {};
    }

    // At least one mount failed: a mismatch unless both failed alike.
    [[nodiscard]] Result<TrialOutcome> mount_outcome(const Result<MountGuard> &a,
                                                     const Result<MountGuard> &b)
    {
        const auto text = [](const Result<MountGuard> &m) {
            return m ? std::string("mounted") : "-1 " + probe::errno_name(m.error().sys_errno);
        };
        if (auto usable = check_mount(a, config_.fs_a); !usable)
            return usable.error();
        if (auto usable = check_mount(b, config_.fs_b); !usable)
            return usable.error();
        if (text(a) == text(b)) {
            outcome_.note = "both refused the mount: " + text(a);
            return outcome_;
        }
        record(Mismatch{MismatchKind::mount, 0, "", "", "", "mount", text(a), text(b)});
        return outcome_;
    }

    void record(Mismatch mismatch)
    {
        const AllowedDifference *allowed = find_allowed(mismatch, allowed_differences);
        outcome_.verdict = allowed ? Verdict::known_difference : Verdict::mismatch;
        if (allowed)
            outcome_.known_reason = allowed->reason;
        outcome_.mismatch = std::move(mismatch);
    }

    [[nodiscard]] Result<UniqueFd> open_root(const std::string &merged) const
    {
        UniqueFd fd(::open(merged.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!fd.valid())
            return system_error("open " + merged);
        return fd;
    }

    // One mounted phase: both unions mounted, @body run on their Sides
    // (side b with the self-test fault if @fault), both unmounted; the
    // Sides and their fds are gone before that. False when the trial ends
    // here: a mount refused (outcome_ says how), or a mismatch found.
    template <typename Body>
    [[nodiscard]] Result<bool> mounted_phase(const SideDirs &dirs_a, const SideDirs &dirs_b,
                                             bool fault, const Body &body)
    {
        auto mount_a = mount(config_.fs_a, dirs_a, config_.options_a);
        auto mount_b = mount(config_.fs_b, dirs_b, config_.options_b);
        if (!mount_a || !mount_b) {
            if (auto refused = mount_outcome(mount_a, mount_b); !refused)
                return refused.error();
            return false;
        }
        {
            auto root_a = open_root(dirs_a.merged);
            auto root_b = open_root(dirs_b.merged);
            if (!root_a || !root_b)
                return root_a ? root_b.error() : root_a.error();
            Side a(dirs_a.merged, std::move(root_a).value());
            Side b(dirs_b.merged, std::move(root_b).value(),
                   fault ? config_.fault_b : SelfTestFault::none);
            body(a, b);
        }
        if (outcome_.mismatch)
            return false;
        if (auto unmounted = unmount_both(mount_a.value(), mount_b.value()); !unmounted)
            return unmounted.error();
        return true;
    }

    void step(Side &a, Side &b, std::size_t index)
    {
        const Op &op = case_.ops[index];
        const Outcome out_a = a.apply(op);
        const Outcome out_b = b.apply(op);
        outcome_.ops_applied++;
        if (config_.trace)
            std::printf("  %zu: %s -> %s\n", index + 1, format_op(op).c_str(),
                        out_a.to_string().c_str());
        const auto blame = [&](MismatchKind kind, FieldDiff diff) {
            record(Mismatch{kind, index + 1, format_op(op), std::string(op_kind_name(op.kind)),
                            std::move(diff.path), std::move(diff.field), std::move(diff.a),
                            std::move(diff.b)});
        };
        if (out_a != out_b)
            return blame(MismatchKind::result,
                         FieldDiff{op.path, "result", out_a.to_string(), out_b.to_string()});
        if (op.kind == OpKind::hold && out_a.err == 0)
            held_[op.slot] = op.path;
        pins_.after_op(op, out_a.err == 0,
                       op.kind == OpKind::utimes && is_symlink_at(a.root_fd(), op.path));
        const Observer seen_a = merged_view(a, config_.fs_a, ids_a_);
        const Observer seen_b = merged_view(b, config_.fs_b, ids_b_);
        for (const std::string &path : touched_paths(op, held_)) {
            if (auto diff = first_difference(path, seen_a.observe(path), seen_b.observe(path),
                                             pins_.compared(path)))
                return blame(MismatchKind::state, std::move(*diff));
        }
    }

    // when: "" at the end of the ops, "remount " after mounting again.
    void compare_trees(const Side &a, const Side &b, const std::string &when = "")
    {
        const Tree tree_a = merged_view(a, config_.fs_a, ids_a_).walk();
        const Tree tree_b = merged_view(b, config_.fs_b, ids_b_).walk();
        const auto diff = first_tree_difference(
            tree_a, tree_b, [&](const std::string &path) { return pins_.compared(path); });
        if (diff)
            record(Mismatch{MismatchKind::tree, 0, "", "", diff->path, when + diff->field,
                            diff->a, diff->b});
    }

    // On-disk format: the upper dirs as each filesystem left them.
    [[nodiscard]] Result<void> compare_uppers(const SideDirs &dirs_a, const SideDirs &dirs_b)
    {
        auto root_a = open_root(dirs_a.upper);
        auto root_b = open_root(dirs_b.upper);
        if (!root_a || !root_b)
            return root_a ? root_b.error() : root_a.error();
        Tree tree_a =
            Observer(root_a.value().get(), dirs_a.upper, View::upper).with_marks(config_.marks).walk();
        Tree tree_b =
            Observer(root_b.value().get(), dirs_b.upper, View::upper).with_marks(config_.marks).walk();
        const std::set<std::string> lower = lower_paths(case_);
        mute_inert_opaque_marks(tree_a, lower);
        mute_inert_opaque_marks(tree_b, lower);
        const auto diff =
            first_tree_difference(tree_a, tree_b, [](const std::string &) { return false; });
        if (diff)
            record(Mismatch{MismatchKind::upper, 0, "", "", diff->path, diff->field, diff->a,
                            diff->b});
        return {};
    }
};

} // namespace

Result<TrialOutcome> run_trial(const TrialConfig &config, const TestCase &test_case)
{
    return TrialRun(config, test_case).run();
}

} // namespace strata::difftest
