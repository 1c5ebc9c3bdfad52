// SPDX-License-Identifier: GPL-2.0-only
//
// The Markdown report: how the figures were taken, the goals and whether
// they are met, ratio tables (strata over overlay, bare and fuse-overlayfs
// per row and layer count), slopes, the plots, and every median.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "plot_script.h"
#include "result_set.h"

namespace strata::bench {

[[nodiscard]] std::string render_report(std::span<const ResultSet> runs,
                                        const std::vector<PlotImage> &images);

} // namespace strata::bench
