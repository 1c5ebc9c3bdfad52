// SPDX-License-Identifier: GPL-2.0-only
#include "strata/mount_plan.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include <linux/mount.h>

#include "strata/lowerdir.h"
#include "strata/mount_attr.h"

namespace strata {

namespace {

// mount(8) may hand these to a helper (from fstab or its own syntax); they
// mean something to userspace only and the kernel would reject them.
bool is_userspace_only(std::string_view key)
{
    static constexpr std::array<std::string_view, 13> names{
        "defaults", "auto", "noauto", "user", "nouser", "users", "owner",
        "group", "nofail", "_netdev", "comment", "helper", "uhelper"};
    return key.starts_with("x-") || key.starts_with("X-") ||
           std::find(names.begin(), names.end(), key) != names.end();
}

// Operations on existing mounts, which a new strata mount cannot perform.
bool is_mount_operation(std::string_view key)
{
    static constexpr std::array<std::string_view, 11> names{
        "bind", "rbind", "move", "shared", "rshared", "private",
        "rprivate", "slave", "rslave", "unbindable", "runbindable"};
    return std::find(names.begin(), names.end(), key) != names.end();
}

bool is_layer_key(std::string_view key)
{
    return key == "lowerdir" || key == "lowerdir+" || key == "upperdir" || key == "workdir";
}

// Hints container tools and distributions add that Strata drops with a
// word rather than refuse, and why:
//  - "volatile" and fuse-overlayfs's "fsync=0" relax durability; strata
//    keeps its syncs, which only makes the union safer;
//  - "metacopy=on" is a copy-up shortcut (Fedora's storage.conf sets it);
//    strata copies data with metadata, which gives the same union.
std::optional<std::string_view> dropped_hint_reason(const MountOption &option)
{
    if ((option.key == "volatile" && !option.value) ||
        (option.key == "fsync" && option.value == "0"))
        return "strata always syncs its copy-ups, so the union stays consistent after a crash";
    if (option.key == "metacopy" && option.value == "on")
        return "strata copies file data with its metadata at copy-up; the union is the same";
    return std::nullopt;
}

// fuse-overlayfs options that shift ownership or permissions. A
// containers/storage mount_program may send them; strata cannot honour
// them, and mounting without would give the container the wrong owners.
bool is_id_shifting(std::string_view key)
{
    static constexpr std::array<std::string_view, 6> names{
        "uidmapping", "gidmapping", "squash_to_uid", "squash_to_gid", "squash_to_root",
        "xattr_permissions"};
    return std::find(names.begin(), names.end(), key) != names.end();
}

ConfigCall layer_call(const char *key, const std::string &path)
{
    const auto type = path.size() > max_fsconfig_string ? ConfigType::Path : ConfigType::String;
    return {type, key, path, false};
}

class PlanBuilder {
public:
    [[nodiscard]] Result<void> add(const MountOption &option);
    [[nodiscard]] Result<MountPlan> finish() &&;

private:
    [[nodiscard]] Result<void> add_layer(const std::string &key, const std::string &value);
    [[nodiscard]] Result<void> check() const;

    MountPlan plan_;
    std::string upper_raw_; // as given: the kernel unescapes upperdir itself
    std::string work_raw_;
    std::vector<ConfigCall> passthrough_;
};

Result<void> PlanBuilder::add(const MountOption &option)
{
    const std::string &key = option.key;
    if (key == "remount" && !option.value) {
        plan_.remount = true;
        return {};
    }
    if (is_layer_key(key)) {
        if (!option.value || option.value->empty())
            return usage_error("option '" + key + "' needs a directory: " + key + "=DIR");
        return add_layer(key, *option.value);
    }
    if (auto rule = find_mount_attr(key); rule && !option.value) {
        plan_.mount_attrs = apply_mount_attr(*rule, plan_.mount_attrs);
        return {};
    }
    if (is_userspace_only(key))
        return {};
    if (auto reason = dropped_hint_reason(option)) {
        plan_.warnings.push_back("ignoring '" + key + (option.value ? "=" + *option.value : "") +
                                 "': " + std::string(*reason));
        return {};
    }
    if (is_id_shifting(key))
        return usage_error("option '" + key + "' (a fuse-overlayfs option) is not supported: "
                           "strata does not shift file owners or modes; run the container "
                           "without a user-namespace ID mapping or force_mask");
    if (is_mount_operation(key))
        return usage_error("option '" + key + "' is not supported by mount.strata: "
                           "besides remount, it only creates new mounts");
    if (option.value)
        passthrough_.push_back({ConfigType::String, key, *option.value, true});
    else
        passthrough_.push_back({ConfigType::Flag, key, "", true});
    return {};
}

// lowerdir= replaces the stack and lowerdir+= appends a layer, as in
// overlayfs, so a later option can override one from fstab.
Result<void> PlanBuilder::add_layer(const std::string &key, const std::string &value)
{
    if (key == "lowerdir") {
        auto layers = split_lowerdir(value);
        if (!layers)
            return layers.error();
        plan_.lower_layers = std::move(layers).value();
    } else if (key == "lowerdir+") {
        plan_.lower_layers.push_back(unescape_path(value));
    } else if (key == "upperdir") {
        upper_raw_ = value;
        plan_.upper_dir = unescape_path(value);
    } else {
        work_raw_ = value;
        plan_.work_dir = unescape_path(value);
    }
    return {};
}

Result<void> PlanBuilder::check() const
{
    const std::size_t layers = plan_.lower_layers.size();
    if (plan_.remount)
        return {};
    if (layers == 0)
        return usage_error("no lowerdir given: strata needs at least one lower layer "
                           "(-o lowerdir=DIR[:DIR...])");
    if (layers > max_lower_layers)
        return usage_error(std::to_string(layers) + " lower layers given: strata supports at most " +
                           std::to_string(max_lower_layers));
    if (!upper_raw_.empty() && work_raw_.empty())
        return usage_error("upperdir needs a workdir: add -o workdir=DIR, an empty directory "
                           "on the same filesystem as the upperdir");
    return {};
}

Result<MountPlan> PlanBuilder::finish() &&
{
    if (auto ok = check(); !ok)
        return ok.error();
    if (plan_.remount) {
        for (const auto &call : passthrough_)
            plan_.remount_options.push_back(describe(call));
        return std::move(plan_);
    }
    auto &calls = plan_.calls;
    for (const auto &layer : plan_.lower_layers)
        calls.push_back(layer_call("lowerdir+", layer));
    if (!upper_raw_.empty()) {
        calls.push_back(layer_call("upperdir", upper_raw_));
        calls.push_back(layer_call("workdir", work_raw_));
    } else if (!work_raw_.empty()) {
        // overlayfs ignores it with a kernel message; the helper says so.
        plan_.warnings.push_back("ignoring 'workdir=" + work_raw_ +
                                 "': a union without an upperdir uses no workdir");
        plan_.work_dir.clear();
    }
    calls.insert(calls.end(), passthrough_.begin(), passthrough_.end());
    // A read-only mount also gets a read-only superblock, so that strata
    // knows not to write to its layers at all.
    if (plan_.mount_attrs & MOUNT_ATTR_RDONLY)
        calls.push_back({ConfigType::Flag, "ro", "", false});
    return std::move(plan_);
}

} // namespace

Result<MountPlan> build_plan(const std::vector<MountOption> &options)
{
    PlanBuilder builder;
    for (const auto &option : options) {
        if (auto ok = builder.add(option); !ok)
            return ok.error();
    }
    return std::move(builder).finish();
}

std::string describe(const ConfigCall &call)
{
    if (call.type == ConfigType::Flag)
        return call.key;
    return call.key + "=" + call.value;
}

Result<std::string> legacy_mount_data(const MountPlan &plan)
{
    std::string data = "lowerdir=" + join_lowerdir(plan.lower_layers);
    for (const auto &call : plan.calls) {
        if (call.key == "lowerdir+" || (call.key == "ro" && call.type == ConfigType::Flag))
            continue;
        // Two appends: GCC 12 at -O3 misreads "," + string as an
        // overlapping copy (-Wrestrict).
        data += ',';
        data += describe(call);
    }
    if (data.size() > max_mount_data)
        return usage_error("the options take " + std::to_string(data.size()) +
                           " bytes, more than the " + std::to_string(max_mount_data) +
                           " that mount(2) accepts, and this system refuses the new mount "
                           "API (fsopen) that has no such limit; use fewer or shorter "
                           "layer paths");
    return data;
}

} // namespace strata
