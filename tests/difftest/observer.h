// SPDX-License-Identifier: GPL-2.0-only
//
// Observer: reads Observations of paths below a root, never following a
// symlink at the end of a path. Two views: the merged union (every xattr
// name is listed, so a leaked trusted.overlay.* would show), and a raw
// upper directory after unmount (the union's own xattrs other than the
// opaque mark are skipped: origin, impure and the like name inodes, which
// differ between the two sides; see marks.h and README).
#pragma once

#include <string>
#include <string_view>

#include "identity.h"
#include "marks.h"
#include "observation.h"

namespace strata::difftest {

enum class View { merged, upper };

// Names a directory listing shows that a lookup of the same name cannot
// find. overlayfs lists the whiteouts of a directory that only one lower
// layer holds (its readdir passes that real directory through) while its
// lookup hides them; strata hides them in both. The oracle's listings are
// judged by its own lookups (drop); strata's are taken as read (keep), so a
// phantom name in strata is still caught.
enum class Phantoms { keep, drop };

// How listings of a union of fstype are judged.
[[nodiscard]] inline Phantoms phantoms_of(std::string_view fstype)
{
    return fstype == "overlay" ? Phantoms::drop : Phantoms::keep;
}

class Observer {
public:
    Observer(int root_fd, std::string root_path, View view, Phantoms phantoms = Phantoms::keep)
        : root_fd_(root_fd), root_path_(std::move(root_path)), view_(view), phantoms_(phantoms)
    {
    }

    // Also name what each inode number numbers, and check that listings
    // give every entry its st_ino as d_ino (merged view).
    Observer &with_identities(const Identities *ids) noexcept
    {
        ids_ = ids;
        return *this;
    }
    // Where the layers keep the opaque mark (trusted.* by default).
    Observer &with_marks(Marks marks) noexcept
    {
        marks_ = marks;
        return *this;
    }
    // path is relative to the root; "." is the root itself.
    [[nodiscard]] Observation observe(const std::string &path) const;

    // Every object below the root, and the root as ".".
    [[nodiscard]] Tree walk() const;

private:
    int root_fd_;
    std::string root_path_;
    View view_;
    Phantoms phantoms_;
    const Identities *ids_ = nullptr;
    Marks marks_ = Marks::trusted;

    [[nodiscard]] std::string full_path(const std::string &path) const;
    [[nodiscard]] std::string xattrs(const std::string &path) const;
    [[nodiscard]] std::string opaque_mark(const std::string &path) const;
    void read_object(const std::string &path, Observation &obs) const;
    void walk_into(const std::string &path, Tree &tree) const;
};

} // namespace strata::difftest
