// SPDX-License-Identifier: GPL-2.0-only
#include "strata/exit_code.h"

#include <cerrno>

namespace strata {

int exit_code(Failure failure) noexcept
{
    switch (failure) {
    case Failure::Usage:
        return MNT_EX_USAGE;
    case Failure::System:
        return MNT_EX_SYSERR;
    case Failure::Software:
        return MNT_EX_SOFTWARE;
    case Failure::Interrupted:
        return MNT_EX_USER;
    case Failure::FileIo:
        return MNT_EX_FILEIO;
    case Failure::MountFailed:
        return MNT_EX_FAIL;
    case Failure::SomeOk:
        return MNT_EX_SOMEOK;
    }
    // Unreachable for valid enumerators; an invalid one is our bug.
    return MNT_EX_SOFTWARE;
}

Failure classify_errno(int err) noexcept
{
    switch (err) {
    case ENOMEM:
    case ENOBUFS:
    case EMFILE:
    case ENFILE:
    case ENOSYS:
    case EFAULT:
    case EBADF:
        return Failure::System;
    case EINTR:
        return Failure::Interrupted;
    default:
        return Failure::MountFailed;
    }
}

} // namespace strata
