// SPDX-License-Identifier: GPL-2.0-only
//
// EntryWriter: creates the objects of an imported layer below the layer's
// root fd, never by a path string from the root of the filesystem: each
// parent is opened beneath the root without following symlinks, so no
// entry can land outside however the tarball is built.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>
#include <time.h>

#include "strata/entry_path.h"
#include "strata/result.h"
#include "unique_fd.h"
#include "xattr_io.h"

namespace strata {

// What a tar entry records about its object, besides type and data.
struct EntryMeta {
    mode_t mode = 0; // permission bits, setuid, setgid and sticky included
    uid_t uid = 0;
    gid_t gid = 0;
    timespec mtime{0, UTIME_OMIT};
    std::vector<Xattr> xattrs; // union metadata already left out
};

struct WriterPolicy {
    bool restore_owners = false; // chown to the recorded owner (needs root)
    bool userxattr = false;      // opaque marks in user.overlay.*
    std::function<void(const std::string &)> warn;
};

// Where an object goes: its parent directory, open, and its name there
// (the layer root is "." in itself).
struct Place {
    UniqueFd parent;
    std::string name;
};

class EntryWriter {
public:
    EntryWriter(int root_fd, WriterPolicy policy) : root_fd_(root_fd), policy_(std::move(policy)) {}

    // Opens the parent of path, first creating the parents the tarball
    // did not list (mode 0755). A symlink or file on the way is refused.
    [[nodiscard]] Result<Place> place(const PathComponents &path);

    // New directories start as 0700, so that their contents can be
    // written and, on failure, removed; finish() gives them their modes.
    [[nodiscard]] Result<void> make_directory(const PathComponents &path, EntryMeta meta, bool exists);

    using Fill = std::function<Result<void>(int fd)>;
    [[nodiscard]] Result<void> make_file(const Place &place, const EntryMeta &meta, const Fill &fill);
    [[nodiscard]] Result<void> make_symlink(const Place &place, const std::string &target,
                                            const EntryMeta &meta);
    [[nodiscard]] Result<void> make_hardlink(const Place &place, const PathComponents &target);
    // A character or block device or a fifo: type is S_IFCHR, S_IFBLK or S_IFIFO.
    [[nodiscard]] Result<void> make_node(const Place &place, mode_t type, dev_t rdev, const EntryMeta &meta);
    // Owner and time come from meta; mode and xattrs do not matter.
    [[nodiscard]] Result<void> make_whiteout(const Place &place, const EntryMeta &meta);
    [[nodiscard]] Result<void> mark_opaque(const PathComponents &dir);

    // Gives directories their metadata, deepest first and the root last:
    // writing their contents would have moved their times, and their
    // modes could have forbidden it.
    [[nodiscard]] Result<void> finish();

private:
    // The directory made of path's first depth components, created as
    // needed.
    [[nodiscard]] Result<UniqueFd> open_dir(const PathComponents &path, std::size_t depth);
    [[nodiscard]] Result<UniqueFd> open_or_create_dir(int parent_fd, const PathComponents &path,
                                                      std::size_t depth);
    [[nodiscard]] Result<void> apply_meta(const Place &place, const EntryMeta &meta, bool symlink);
    [[nodiscard]] Result<void> apply_xattrs(const Place &place, const EntryMeta &meta);

    int root_fd_;
    WriterPolicy policy_;
    // Children sort after their parents, so reverse order is deepest first.
    std::map<PathComponents, EntryMeta> directories_;
};

} // namespace strata
