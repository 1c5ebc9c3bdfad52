// SPDX-License-Identifier: GPL-2.0-only
//
// `strata import`: an OCI/Docker layer tarball unpacked into a layer
// directory in overlayfs's format (whiteouts as 0/0 character devices,
// opaque directories by xattr), all or nothing.
#pragma once

#include <string>

#include "strata/job_hooks.h"
#include "strata/progress.h"
#include "strata/result.h"

namespace strata {

struct ImportOptions {
    bool userxattr = false;      // opaque marks in user.overlay.* (else trusted.overlay.*)
    bool restore_owners = false; // chown to the recorded uid/gid: root only
    JobHooks hooks;
};

// Unpacks archive ("-" for standard input) into dir, which must be absent
// or empty. On any failure everything written is removed again, dir
// included if the import created it, and the error names the entry:
// "entry 'NAME': what is wrong".
[[nodiscard]] Result<ProgressCounts> import_layer(const std::string &archive, const std::string &dir,
                                                  const ImportOptions &options);

} // namespace strata
