// SPDX-License-Identifier: GPL-2.0-only
//
// How OCI/Docker layer tarballs name union metadata: an empty file
// ".wh.NAME" hides NAME, "DIR/.wh..wh..opq" makes DIR opaque, and other
// ".wh..wh." names are aufs bookkeeping with no meaning for overlayfs.
// These are the pure mappings both ways; nothing here touches a disk.
#pragma once

#include <string>
#include <string_view>

#include "strata/entry_path.h"
#include "strata/result.h"

namespace strata {

inline constexpr std::string_view whiteout_prefix = ".wh.";
inline constexpr std::string_view aufs_meta_prefix = ".wh..wh.";
inline constexpr std::string_view opaque_marker = ".wh..wh..opq";

enum class TarNameKind {
    Regular,  // an object of the layer, created as it is
    Whiteout, // target is the path to hide
    Opaque,   // target is the directory to mark opaque
    AufsMeta, // aufs bookkeeping (.wh..wh.plnk, ...): skipped
};

struct TarName {
    TarNameKind kind = TarNameKind::Regular;
    PathComponents target;
};

// What a tar entry's (already split and checked) path means. Refused: a
// whiteout of nothing (".wh."), of "." or ".." (".wh..", ".wh..."), and
// a path that goes through a directory with a whiteout name, which no
// layer can hold.
[[nodiscard]] Result<TarName> classify_tar_name(const PathComponents &path);

// Whether a name found in an upper directory would read back as union
// metadata from a tarball, so exporting it would change its meaning.
[[nodiscard]] bool is_reserved_name(std::string_view name) noexcept;

// The tar name that hides name in the directory at dir_path ("" is the
// layer root).
[[nodiscard]] std::string whiteout_entry_name(std::string_view dir_path, std::string_view name);

// The tar name that marks the directory at dir_path opaque.
[[nodiscard]] std::string opaque_entry_name(std::string_view dir_path);

} // namespace strata
