// SPDX-License-Identifier: GPL-2.0-only
//
// How a failure is reported to mount(8): the helper contract says a mount
// helper exits with libmount's MNT_EX_* codes, and mount(8) passes them on.
#pragma once

#include <libmount.h>

namespace strata {

enum class Failure {
    Usage,       // bad arguments or options: the user must change the command
    System,      // a syscall failed for lack of resources or support
    Software,    // a bug in mount.strata itself
    Interrupted, // the user stopped us
    FileIo,      // mounted, but the userspace mount table was not updated
    MountFailed, // the kernel refused the mount
    SomeOk,      // part of a multi-mount request succeeded
};

[[nodiscard]] int exit_code(Failure failure) noexcept;

// Which Failure an errno from the mount API means: resource and support
// errors are the system's fault, anything else is the kernel saying no.
[[nodiscard]] Failure classify_errno(int err) noexcept;

} // namespace strata
