// SPDX-License-Identifier: GPL-2.0-only
//
// build_layer: writes one generated Layer into an empty directory, as root:
// owners, modes, user.* xattrs, whiteouts (mknod 0/0), opaque marks
// (trusted.overlay.opaque=y, or user.overlay.opaque with Marks::user),
// sparse files, and a fixed mtime on every
// object (see MtimePins). Built twice from the same Layer, the two copies
// are the same in everything the comparison looks at.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "marks.h"
#include "strata/result.h"
#include "test_case.h"

namespace strata::difftest {

[[nodiscard]] Result<void> build_layer(const std::string &dir, const Layer &layer,
                                       std::size_t layer_index, Marks marks);

// The fixed time build_layer gives path ("." for the layer's root) in layer
// layer_index: a function of the two, so it survives shrinking.
[[nodiscard]] std::int64_t fixed_time_ns(std::size_t layer_index, const std::string &path);

// Sets a directory's atime and mtime to fixed_time_ns(layer_index, ".").
[[nodiscard]] Result<void> set_fixed_root_time(const std::string &dir, std::size_t layer_index);

} // namespace strata::difftest
