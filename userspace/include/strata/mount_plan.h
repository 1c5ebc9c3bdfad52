// SPDX-License-Identifier: GPL-2.0-only
//
// MountPlan: what mount.strata will ask of the kernel, decided before any
// syscall so that it can be checked, printed (-v) and unit-tested.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "strata/mount_options.h"
#include "strata/result.h"

namespace strata {

// The most lower layers a strata mount accepts (as mainline overlayfs).
inline constexpr std::size_t max_lower_layers = 500;

enum class ConfigType {
    Flag,   // FSCONFIG_SET_FLAG
    String, // FSCONFIG_SET_STRING
    Path,   // FSCONFIG_SET_PATH, relative to the cwd
};

// fsconfig() copies a string value into a 256-byte buffer with its NUL;
// a longer layer path goes as a path value instead.
inline constexpr std::size_t max_fsconfig_string = 255;

struct ConfigCall {
    ConfigType type = ConfigType::Flag;
    std::string key;
    std::string value;        // empty for a flag
    bool passthrough = false; // an option we do not know; -s may drop it

    bool operator==(const ConfigCall &) const = default;
};

struct MountPlan {
    std::vector<std::string> lower_layers; // decoded paths, top first
    std::string upper_dir;                 // decoded, empty when read-only
    std::string work_dir;                  // decoded, empty when read-only
    std::vector<ConfigCall> calls;         // fsconfig calls, in order
    unsigned int mount_attrs = 0;          // MOUNT_ATTR_* for fsmount()
    // "remount": change the mount flags of an existing strata mount. The
    // layers cannot change; mount(8) repeats them from mountinfo, so layer
    // options are accepted and not sent. So are the other filesystem
    // options ("key" or "key=value"), which must be the mounted ones
    // (changed_on_remount() in union_mount.h).
    bool remount = false;
    std::vector<std::string> remount_options;
    // Options accepted but not sent, each with the reason to tell the user.
    std::vector<std::string> warnings;
};

// Orders the fsconfig calls: one "lowerdir+" per layer (top first), then
// upperdir, workdir, the other filesystem options as given, and "ro".
// Layer paths longer than max_fsconfig_string become Path calls.
// VFS mount options (nosuid, noatime, ...) become mount_attrs instead, and
// options meant for userspace only (x-*, nofail, ...) are dropped.
[[nodiscard]] Result<MountPlan> build_plan(const std::vector<MountOption> &options);

// "key" or "key=value", for messages.
[[nodiscard]] std::string describe(const ConfigCall &call);

// The largest option string mount(2) accepts: one page, with its NUL.
inline constexpr std::size_t max_mount_data = 4095;

// The plan as one mount(2) option string (overlayfs syntax: the layers in
// one escaped lowerdir=, then upperdir, workdir and the other options),
// for kernels or sandboxes without the new mount API. Mount attributes and
// "ro" go in mount(2)'s flags instead. Fails when the string would not fit
// in mount(2)'s page.
[[nodiscard]] Result<std::string> legacy_mount_data(const MountPlan &plan);

} // namespace strata
