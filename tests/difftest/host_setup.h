// SPDX-License-Identifier: GPL-2.0-only
//
// What strata-difftest checks and changes about its own process before the
// first trial: root, a private mount namespace (so that no union outlives
// the process, whatever happens to it), umask 0 (so modes arrive as the
// case says), and what the scratch filesystem supports.
#pragma once

#include <string>

#include "strata/result.h"

namespace strata::difftest {

// userns: the run is meant for a user namespace of its own (--userns), and
// refuses to start in the initial one, where it would test nothing new.
[[nodiscard]] Result<void> prepare_process(bool userns);

// Whether files on the filesystem of dir take user.* xattrs (tmpfs before
// Linux 6.6 does not). An Error if dir cannot be written at all.
[[nodiscard]] Result<bool> supports_user_xattrs(const std::string &dir);

} // namespace strata::difftest
