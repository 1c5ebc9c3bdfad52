// SPDX-License-Identifier: GPL-2.0-only
//
// `strata export`: an upper (or any layer) directory written as an
// OCI/Docker layer tarball: whiteouts become ".wh.NAME" files and opaque
// directories get a ".wh..wh..opq" entry.
#pragma once

#include <optional>
#include <string>

#include "strata/compression.h"
#include "strata/job_hooks.h"
#include "strata/progress.h"
#include "strata/result.h"

namespace strata {

struct ExportOptions {
    bool userxattr = false; // opaque marks read from user.overlay.* (else trusted.overlay.*)
    std::optional<Compression> compression; // nullopt: by the output's suffix
    JobHooks hooks;
};

// Writes the tree below upper as a pax tarball to output ("-" for standard
// output), names sorted, so the same tree gives the same bytes. The root
// directory itself is not an entry. A file is written under a temporary
// name beside output and renamed at the end; on failure nothing is left.
[[nodiscard]] Result<ProgressCounts> export_layer(const std::string &upper, const std::string &output,
                                                  const ExportOptions &options);

} // namespace strata
