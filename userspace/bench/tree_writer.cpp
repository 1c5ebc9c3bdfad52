// SPDX-License-Identifier: GPL-2.0-only
#include "tree_writer.h"

#include <algorithm>
#include <array>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "rng.h"
#include "system.h"
#include "unique_fd.h"

namespace strata::bench {
namespace {

constexpr std::size_t pattern_size = 1 << 20;

// One MiB of pseudo-random bytes that every file's content is cut from:
// incompressible, and cheap to write in a slow guest.
[[nodiscard]] const std::vector<char> &pattern()
{
    static const std::vector<char> bytes = [] {
        std::vector<char> b(pattern_size);
        difftest::Rng rng(0x5eed);
        for (std::size_t i = 0; i < b.size(); i += 8) {
            const std::uint64_t v = rng.next();
            std::copy_n(reinterpret_cast<const char *>(&v), 8, b.data() + i);
        }
        return b;
    }();
    return bytes;
}

[[nodiscard]] Result<void> write_file(const std::string &path, std::uint64_t size)
{
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid())
        return sys_error("create " + path);
    const std::vector<char> &bytes = pattern();
    // Files start at different places in the pattern, so no two are alike.
    std::size_t offset = std::hash<std::string>{}(path) % (pattern_size / 2);
    for (std::uint64_t left = size; left > 0;) {
        const std::size_t n = std::min<std::uint64_t>(left, pattern_size - offset);
        const ssize_t done = ::write(fd.get(), bytes.data() + offset, n);
        if (done <= 0)
            return sys_error("write " + path);
        left -= static_cast<std::uint64_t>(done);
        offset = 0;
    }
    return {};
}

class TreeWriter {
public:
    explicit TreeWriter(std::string root) : root_(std::move(root)) {}

    [[nodiscard]] Result<void> write(const PlanEntry &e)
    {
        const std::string path = root_ + "/" + e.path;
        const auto slash = e.path.rfind('/');
        if (auto parents = ensure_dir(slash == std::string::npos ? "" : e.path.substr(0, slash));
            !parents)
            return parents;
        switch (e.kind) {
        case EntryKind::dir:
            return ensure_dir(e.path);
        case EntryKind::file:
            return write_file(path, e.size);
        case EntryKind::symlink:
            if (::symlink(e.target.c_str(), path.c_str()) < 0)
                return sys_error("symlink " + path);
            return {};
        case EntryKind::whiteout:
            if (::mknod(path.c_str(), S_IFCHR | 0000, ::makedev(0, 0)) < 0)
                return sys_error("whiteout " + path);
            return {};
        }
        return {};
    }

private:
    std::string root_;
    std::set<std::string> made_; // directories known to exist, relative

    [[nodiscard]] Result<void> ensure_dir(const std::string &rel)
    {
        if (rel.empty() || made_.contains(rel))
            return {};
        if (const auto slash = rel.rfind('/'); slash != std::string::npos) {
            if (auto parent = ensure_dir(rel.substr(0, slash)); !parent)
                return parent;
        }
        const std::string path = root_ + "/" + rel;
        if (::mkdir(path.c_str(), 0755) < 0 && errno != EEXIST)
            return sys_error("mkdir " + path);
        made_.insert(rel);
        return {};
    }
};

} // namespace

Result<void> write_tree(const std::string &root, const std::vector<PlanEntry> &entries)
{
    if (auto made = make_dirs(root); !made)
        return made;
    TreeWriter writer(root);
    for (const PlanEntry &e : entries) {
        if (auto written = writer.write(e); !written)
            return written;
    }
    return {};
}

} // namespace strata::bench
