// SPDX-License-Identifier: GPL-2.0-only
//
// MtimePins: where mtime is compared. The two filesystems run the same op a
// moment apart, so any mtime set to "now" differs between them; only an
// mtime set to an explicit value is comparable. The rule, kept simple:
//
//   1. At the start every mtime is pinned: the layer builder gave every
//      lower object a fixed time, and copy-up must keep it.
//   2. An op that can set some mtime to now (create, write, truncate, mkdir,
//      mknod, symlink, link, unlink, rmdir, rename), whatever its result,
//      unpins everything.
//   3. A utimes that succeeded on both sides pins the path it named, unless
//      it followed a symlink there (then the link's own mtime is not the one
//      it set).
//
// Metadata-only ops (chmod, chown, xattrs) and reads keep the pins.
#pragma once

#include <set>
#include <string>

#include "op.h"

namespace strata::difftest {

class MtimePins {
public:
    [[nodiscard]] bool compared(const std::string &path) const
    {
        return all_ || pinned_.contains(path);
    }

    // After op ran on both sides. succeeded: it returned 0 on both;
    // path_is_symlink: op.path names a symlink now.
    void after_op(const Op &op, bool succeeded, bool path_is_symlink);

    [[nodiscard]] static bool sets_now(OpKind kind) noexcept;

private:
    bool all_ = true;
    std::set<std::string> pinned_;
};

} // namespace strata::difftest
