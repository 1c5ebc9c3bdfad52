// SPDX-License-Identifier: GPL-2.0-only
//
// mount.strata: the helper util-linux mount(8) execs for "-t strata".
// It checks what the kernel would only answer with EINVAL, mounts through
// the new mount API and relays the kernel's own explanation on failure.
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "fs_context.h"
#include "strata/exit_code.h"
#include "strata/layer_checks.h"
#include "strata/mount_options.h"
#include "strata/mount_plan.h"
#include "strata/union_mount.h"
#include "strata/user_namespace.h"
#include "utab.h"

namespace strata {

namespace {

constexpr std::string_view usage_text =
    "usage: mount.strata [SOURCE] TARGET [-s] [-f] [-n] [-v] [-o OPTIONS] [-t strata]";

// The source recorded for a mount when the caller names none.
constexpr std::string_view default_source = "strata";

struct Args {
    std::string source;
    std::string target;
    std::string options;
    bool sloppy = false;  // -s: drop filesystem options the kernel rejects
    bool fake = false;    // -f: check everything, mount nothing
    bool no_utab = false; // -n: do not write utab
    bool verbose = false; // -v: print each step
    bool program = false; // called as a containers/storage mount_program
};

void say(std::string_view message)
{
    std::cerr << "mount.strata: " << message << '\n';
}

void step(const Args &args, std::string_view message)
{
    if (args.verbose)
        say(message);
}

int fail(const Error &error)
{
    say(error.message);
    return exit_code(error.failure);
}

Result<Args> parse_args(int argc, char **argv)
{
    Args args;
    opterr = 0; // report bad options ourselves, with the usage line
    for (int opt; (opt = ::getopt(argc, argv, "sfnvo:t:")) != -1;) {
        switch (opt) {
        case 's': args.sloppy = true; break;
        case 'f': args.fake = true; break;
        case 'n': args.no_utab = true; break;
        case 'v': args.verbose = true; break;
        case 'o':
            args.options += args.options.empty() ? "" : ",";
            args.options += optarg;
            break;
        case 't':
            if (std::string_view(optarg) != "strata")
                return usage_error("filesystem type '" + std::string(optarg) +
                                   "' is not strata\n" + std::string(usage_text));
            break;
        default:
            return usage_error("unknown option -" + std::string(1, static_cast<char>(optopt)) +
                               "\n" + std::string(usage_text));
        }
    }
    switch (argc - optind) {
    case 1:
        // The convention of a containers/storage mount_program (podman's
        // overlay driver): "-o OPTIONS TARGET", run in the storage home.
        args.source = default_source;
        args.target = argv[optind];
        args.program = true;
        return args;
    case 2:
        args.source = argv[optind];
        args.target = argv[optind + 1];
        return args;
    default:
        return usage_error(std::string(usage_text));
    }
}

bool module_loaded()
{
    struct stat st {};
    if (::stat("/sys/fs/strata", &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    // Lines are "nodev\tNAME" or "\tNAME".
    std::ifstream filesystems("/proc/filesystems");
    for (std::string line; std::getline(filesystems, line);) {
        if (line.substr(line.find('\t') + 1) == "strata")
            return true;
    }
    return false;
}

Result<void> check_directory(const std::string &path, const std::string &role)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return usage_error(role + " '" + path + "': " + std::strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return usage_error(role + " '" + path + "' is not a directory");
    return {};
}

LayerPath layer_path(std::string role, const std::string &path)
{
    return {std::move(role), path, canonical_path(path)};
}

bool uses_userxattr(const MountPlan &plan)
{
    return std::ranges::any_of(plan.calls, [](const ConfigCall &c) { return c.key == "userxattr"; });
}

// Mount ID of path, if the kernel reports one.
std::optional<std::uint64_t> mount_id(const std::string &path)
{
    struct statx stx {};
    if (::statx(AT_FDCWD, path.c_str(), 0, STATX_MNT_ID, &stx) != 0 || !(stx.stx_mask & STATX_MNT_ID))
        return std::nullopt;
    return stx.stx_mnt_id;
}

// Whether the filesystem holding dir reports entry types in listings
// (d_type), judged by its entries other than . and .. (some filesystems
// type those two even without d_type); nullopt when it has no such entry.
std::optional<bool> reports_dtype(const std::string &dir)
{
    struct Closedir {
        void operator()(DIR *d) const noexcept { ::closedir(d); }
    };
    const std::unique_ptr<DIR, Closedir> stream(::opendir(dir.c_str()));
    if (!stream)
        return std::nullopt;
    while (const dirent *entry = ::readdir(stream.get())) {
        const std::string_view name = entry->d_name;
        if (name != "." && name != "..")
            return entry->d_type != DT_UNKNOWN;
    }
    return std::nullopt;
}

// What probes of the upper and work directories show.
std::vector<std::string> upper_problems(const MountPlan &plan)
{
    std::vector<std::string> problems;
    for (const auto &dir : {plan.upper_dir, plan.work_dir}) {
        if (reports_dtype(dir) == false) {
            problems.push_back("upperdir '" + plan.upper_dir + "': its filesystem does not report "
                               "file types in directory listings (d_type), which whiteouts need; "
                               "use ext4, xfs with ftype=1, btrfs or tmpfs");
            break;
        }
    }
    const bool user = uses_userxattr(plan);
    const std::string xattr = user ? "user.overlay.opaque" : "trusted.overlay.opaque";
    if (::lgetxattr(plan.upper_dir.c_str(), xattr.c_str(), nullptr, 0) < 0 && errno == ENOTSUP)
        problems.push_back("upperdir '" + plan.upper_dir + "': its filesystem has no " +
                           (user ? "user" : "trusted") +
                           " xattrs, where whiteouts and opaque marks are kept; put the upper on ext4, xfs, btrfs or tmpfs");
    const auto upper_mount = mount_id(plan.upper_dir);
    const auto work_mount = mount_id(plan.work_dir);
    if (upper_mount && work_mount && *upper_mount != *work_mount)
        problems.push_back("workdir '" + plan.work_dir + "' is on another mount than upperdir '" +
                           plan.upper_dir + "'; make it a directory beside the upper, on the same mount");
    return problems;
}

// Overlaps and the upper's filesystem: every problem found, one line each.
// (The layer count is checked earlier, with the options.)
std::vector<std::string> layer_problems(const MountPlan &plan)
{
    std::vector<LayerPath> lowers;
    for (std::size_t i = 0; i < plan.lower_layers.size(); ++i)
        lowers.push_back(layer_path("lower layer " + std::to_string(i + 1), plan.lower_layers[i]));
    std::optional<LayerPath> upper, work;
    if (!plan.upper_dir.empty()) {
        upper = layer_path("upperdir", plan.upper_dir);
        work = layer_path("workdir", plan.work_dir);
    }
    auto problems = overlap_problems(lowers, upper, work);
    if (upper) {
        auto more = upper_problems(plan);
        problems.insert(problems.end(), more.begin(), more.end());
    }
    return problems;
}

// Checks that the kernel would only report as a bare EINVAL or ENOENT.
// The user's own paths come first: they are the likelier mistake.
Result<void> check_before_mount(const MountPlan &plan, const std::string &target)
{
    for (std::size_t i = 0; i < plan.lower_layers.size(); ++i) {
        auto ok = check_directory(plan.lower_layers[i], "lower layer " + std::to_string(i + 1));
        if (!ok)
            return ok;
    }
    if (!plan.upper_dir.empty()) {
        if (auto ok = check_directory(plan.upper_dir, "upperdir"); !ok)
            return ok;
        if (auto ok = check_directory(plan.work_dir, "workdir"); !ok)
            return ok;
    }
    if (auto ok = check_directory(target, "mount point"); !ok)
        return ok;
    if (!module_loaded())
        return Error{Failure::MountFailed,
                     "the strata module is not loaded (run: modprobe strata, or insmod strata.ko)", 0};
    const auto problems = layer_problems(plan);
    if (problems.empty())
        return {};
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i)
        message += "\nmount.strata: " + problems[i];
    return usage_error(message);
}

std::string hex(unsigned int value)
{
    std::array<char, 16> buf{};
    const auto end = std::to_chars(buf.data(), buf.data() + buf.size(), value, 16).ptr;
    return "0x" + std::string(buf.data(), end);
}

// Prints the kernel's messages: all of them when asked or when the call
// failed, otherwise only warnings.
void print_log(const std::vector<std::string> &lines, bool all)
{
    for (const auto &line : lines) {
        const std::string_view text = std::string_view(line).substr(line.size() > 2 ? 2 : 0);
        if (line.starts_with("w "))
            say("warning: " + std::string(text));
        else if (all)
            say(text);
    }
}

Result<void> apply(FsContext &context, const Args &args, const ConfigCall &call)
{
    step(args, "fsconfig " + describe(call));
    auto ok = context.configure(call);
    const bool dropped = !ok && args.sloppy && call.passthrough && ok.error().sys_errno == EINVAL;
    print_log(context.read_log(), args.verbose || (!ok && !dropped));
    if (dropped) {
        say("ignoring option '" + describe(call) + "' (-s)");
        return {};
    }
    return ok;
}

ConfigCall source_call(const Args &args)
{
    return {ConfigType::String, "source", args.source, false};
}

Result<void> configure(FsContext &context, const Args &args, const MountPlan &plan)
{
    if (auto ok = apply(context, args, source_call(args)); !ok)
        return ok;
    for (const auto &call : plan.calls) {
        if (auto ok = apply(context, args, call); !ok)
            return ok;
    }
    return {};
}

// Where fsopen() is missing (ENOSYS: an old seccomp profile, say), the
// whole option string goes to mount(2), which takes at most one page.
Result<void> mount_legacy(const Args &args, const MountPlan &plan)
{
    auto data = legacy_mount_data(plan);
    if (!data)
        return data.error();
    step(args, "fsopen is not available; mount(2) with " + std::to_string(data.value().size()) +
                   " bytes of options");
    auto ok = legacy_mount(args.source, args.target, data.value(), plan.mount_attrs);
    if (!ok)
        return Error{ok.error().failure, ok.error().message + " (the kernel's reason is in dmesg)",
                     ok.error().sys_errno};
    return ok;
}

Result<void> mount_filesystem(const Args &args, const MountPlan &plan)
{
    step(args, "fsopen strata");
    auto context = FsContext::open("strata");
    if (!context && context.error().sys_errno == ENOSYS)
        return mount_legacy(args, plan);
    if (!context)
        return context.error();
    if (auto ok = configure(context.value(), args, plan); !ok)
        return ok;

    step(args, "fsconfig create");
    auto created = context.value().create();
    print_log(context.value().read_log(), args.verbose || !created);
    if (!created)
        return created;

    step(args, "fsmount with mount attributes " + hex(plan.mount_attrs));
    auto mount = context.value().mount(plan.mount_attrs);
    if (!mount)
        return mount.error();
    step(args, "move_mount to " + args.target);
    return attach_mount(mount.value(), args.target);
}

// containers/storage, running a mount program, counts a layer as mounted
// only if statfs answers FUSE's magic, which Strata does not claim; so it
// asks again for a union it already has mounted at the target (buildah's
// commit, while the build holds the container mounted). The union mounted
// there with the same layers is then stacked again, as a clone of its
// mount: no second superblock over an upper in use, and each unmount takes
// one off, so the stack counts the users the driver cannot count.
bool mounted_here(const Args &args, const MountPlan &plan)
{
    if (!args.program)
        return false;
    auto mounts = read_union_mounts();
    if (!mounts)
        return false; // no mount table to go by: mount as for anyone
    const auto mounted = find_mount_at(mounts.value(), args.target);
    return mounted && mounted->fstype == "strata" &&
           same_layers(*mounted, plan.lower_layers, plan.upper_dir, plan.work_dir);
}

Result<void> stack_clone(const Args &args)
{
    step(args, "the same union is mounted at " + args.target + ": stacking a clone of its mount");
    auto clone = clone_mount(args.target);
    if (!clone)
        return clone.error();
    return attach_mount(clone.value(), args.target);
}

// A remount changes mount flags only. mount(8) repeats the union's
// filesystem options from the mount table, which may stay; any other would
// be a change the kernel refuses.
Result<void> check_remount_options(const Args &args, const MountPlan &plan)
{
    if (plan.remount_options.empty())
        return {};
    std::optional<UnionMount> mounted;
    if (auto mounts = read_union_mounts(); mounts)
        mounted = find_mount_at(mounts.value(), canonical_path(args.target));
    const auto changed = mounted ? changed_on_remount(*mounted, plan.remount_options)
                                 : std::optional<std::string>(plan.remount_options.front());
    if (!changed)
        return {};
    return usage_error("option '" + *changed + "' cannot change on remount: only mount flags " +
                       "such as ro, rw, nosuid or noatime can");
}

void add_option(std::vector<MountOption> &options, const char *flag)
{
    const MountOption option{flag, std::nullopt};
    if (std::find(options.begin(), options.end(), option) == options.end())
        options.push_back(option);
}

// What a containers/storage mount program's union needs beyond what the
// driver sends, which suits fuse-overlayfs:
//  - it unpacks the layers in the AUFS whiteout format (".wh.NAME" files
//    and ".wh..wh..opq", as image tarballs carry them), which
//    fuse-overlayfs reads: the union reads its lowers so;
//  - rootless podman runs it in the user's namespace, where a union keeps
//    its marks in user.overlay.* (the kernel refuses the mount otherwise);
//  - it keeps the mount flags of storage.conf's mountopt to itself (it
//    sends a mount program the data options alone), so "nodev", which the
//    distributions' mountopt sets and the native driver applies, never
//    arrives: the union is nodev as the native driver's would be.
void add_program_options(std::vector<MountOption> &options)
{
    add_option(options, "aufs_whiteouts");
    add_option(options, "nodev");
    if (!in_initial_user_namespace())
        add_option(options, "userxattr");
}

// -f -v shows the whole plan, so a fake mount can be checked by eye.
void show_plan(const Args &args, const MountPlan &plan)
{
    step(args, "would fsconfig " + describe(source_call(args)));
    for (const auto &call : plan.calls)
        step(args, "would fsconfig " + describe(call));
    step(args, "would fsmount with mount attributes " + hex(plan.mount_attrs));
}

int run(int argc, char **argv)
{
    auto parsed = parse_args(argc, argv);
    if (!parsed)
        return fail(parsed.error());
    Args &args = parsed.value();
    auto options = split_options(args.options);
    if (!options)
        return fail(options.error());
    if (args.program)
        add_program_options(options.value());
    auto plan = build_plan(options.value());
    if (!plan)
        return fail(plan.error());
    for (const auto &warning : plan.value().warnings)
        say("warning: " + warning);
    if (plan.value().remount) {
        if (auto ok = check_remount_options(args, plan.value()); !ok)
            return fail(ok.error());
        if (args.fake)
            return MNT_EX_SUCCESS;
        step(args, "remount " + args.target + " with mount attributes " + hex(plan.value().mount_attrs));
        auto ok = remount(args.target, plan.value().mount_attrs);
        return ok ? MNT_EX_SUCCESS : fail(ok.error());
    }
    if (auto ok = check_before_mount(plan.value(), args.target); !ok)
        return fail(ok.error());
    // mount(8) passes a canonical target; a mount_program caller may not,
    // and utab wants the path the mount shows.
    args.target = canonical_path(args.target);
    const bool again = mounted_here(args, plan.value());
    if (args.fake) {
        if (again)
            step(args, "would stack a clone of the same union's mount at " + args.target);
        else
            show_plan(args, plan.value());
        step(args, "fake mount (-f): all checks passed, not mounting");
        return MNT_EX_SUCCESS;
    }
    if (again) { // the first mount's utab entry stands for the stack
        auto ok = stack_clone(args);
        return ok ? MNT_EX_SUCCESS : fail(ok.error());
    }
    if (auto ok = mount_filesystem(args, plan.value()); !ok)
        return fail(ok.error());
    // utab (/run/mount) is the initial namespace's table. Inside a user
    // namespace (rootless podman runs its mount program there) it is
    // another's and not writable, and the mount is not recorded.
    if (args.no_utab)
        return MNT_EX_SUCCESS;
    if (!in_initial_user_namespace()) {
        step(args, "in a user namespace: the mount is not recorded in utab, which is the host's");
        return MNT_EX_SUCCESS;
    }
    auto recorded = record_in_utab(args.source, args.target, args.options);
    return recorded ? MNT_EX_SUCCESS : fail(recorded.error());
}

} // namespace

} // namespace strata

int main(int argc, char **argv)
{
    return strata::run(argc, argv);
}
