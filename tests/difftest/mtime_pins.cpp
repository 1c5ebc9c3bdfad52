// SPDX-License-Identifier: GPL-2.0-only
#include "mtime_pins.h"

namespace strata::difftest {

bool MtimePins::sets_now(OpKind kind) noexcept
{
    switch (kind) {
    case OpKind::create:
    case OpKind::write:
    case OpKind::truncate:
    case OpKind::mkdir:
    case OpKind::mknod:
    case OpKind::symlink:
    case OpKind::link:
    case OpKind::unlink:
    case OpKind::rmdir:
    case OpKind::rename:
        return true;
    default:
        return false;
    }
}

void MtimePins::after_op(const Op &op, bool succeeded, bool path_is_symlink)
{
    if (sets_now(op.kind)) {
        all_ = false;
        pinned_.clear();
    } else if (op.kind == OpKind::utimes && succeeded && (op.nofollow || !path_is_symlink)) {
        pinned_.insert(op.path);
    }
}

} // namespace strata::difftest
