// SPDX-License-Identifier: GPL-2.0-only
//
// The report's plots as gnuplot input: one data file per plot (x, then one
// column per contender) and one script that draws them all as PNGs. Only
// text is made here; the caller writes the files and runs gnuplot.
#pragma once

#include <string>
#include <vector>

#include "figure_index.h"

namespace strata::bench {

struct PlotFile {
    std::string name;    // relative to the output directory
    std::string content;
};

struct PlotImage {
    std::string file;    // "layers-icount-stat-shallow-cold-ext4.png"
    std::string title;
};

struct PlotSet {
    std::vector<PlotFile> files; // data files and the script
    std::string script;          // the script's file name, for gnuplot
    std::vector<PlotImage> images;
};

// Cost against layer count for every row kind measured at two layer counts
// or more; cost against file size (copy-up) and entries (readdir) at the
// largest layer count measured.
[[nodiscard]] PlotSet make_plots(const FigureIndex &index);

} // namespace strata::bench
