// SPDX-License-Identifier: GPL-2.0-only
//
// FsContext: one filesystem being set up through the new mount API
// (fsopen, fsconfig, fsmount, move_mount, open_tree). glibc 2.36 has no
// wrappers for most of these syscalls, so this is the only place that
// calls them.
#pragma once

#include <string>
#include <vector>

#include "strata/mount_plan.h"
#include "strata/result.h"
#include "unique_fd.h"

namespace strata {

class FsContext {
public:
    [[nodiscard]] static Result<FsContext> open(const std::string &fs_type);

    [[nodiscard]] Result<void> configure(const ConfigCall &call);
    [[nodiscard]] Result<void> create();
    // The new, still detached mount of the created superblock.
    [[nodiscard]] Result<UniqueFd> mount(unsigned int mount_attrs);

    // Drains the kernel's message log of this context: lines that start
    // with "e " (error), "w " (warning) or "i " (info).
    [[nodiscard]] std::vector<std::string> read_log();

private:
    explicit FsContext(UniqueFd fd) : fd_(std::move(fd)) {}

    UniqueFd fd_;
};

// Changes the mount flags (MOUNT_ATTR_*) of the strata mount at target.
// mount(2) with MS_REMOUNT sets the superblock's read-only state and the
// mount's own flags in one call; the layers stay as they are.
[[nodiscard]] Result<void> remount(const std::string &target, unsigned int mount_attrs);

// Mounts strata at target with mount(2), the option string in one piece:
// the fallback where fsopen() is not available (ENOSYS).
[[nodiscard]] Result<void> legacy_mount(const std::string &source, const std::string &target,
                                        const std::string &data, unsigned int mount_attrs);

// Attaches a detached mount (from FsContext::mount or clone_mount) at
// target.
[[nodiscard]] Result<void> attach_mount(const UniqueFd &mount_fd, const std::string &target);

// A detached clone of the mount at target (open_tree(OPEN_TREE_CLONE)):
// the same superblock, so nothing is mounted twice.
[[nodiscard]] Result<UniqueFd> clone_mount(const std::string &target);

} // namespace strata
