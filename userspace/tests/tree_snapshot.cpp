// SPDX-License-Identifier: GPL-2.0-only
#include "tree_snapshot.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata::test {

namespace {

char type_of(mode_t mode)
{
    if (S_ISREG(mode))
        return 'f';
    if (S_ISDIR(mode))
        return 'd';
    if (S_ISLNK(mode))
        return 'l';
    if (S_ISFIFO(mode))
        return 'p';
    if (S_ISCHR(mode))
        return 'c';
    if (S_ISBLK(mode))
        return 'b';
    return 's';
}

std::vector<std::pair<std::string, std::string>> xattrs_of(const std::string &path)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::string names(65536, '\0');
    const ssize_t size = ::llistxattr(path.c_str(), names.data(), names.size());
    for (ssize_t at = 0; at < size;) {
        const std::string name(names.data() + at);
        at += static_cast<ssize_t>(name.size()) + 1;
        std::string value(65536, '\0');
        const ssize_t n = ::lgetxattr(path.c_str(), name.c_str(), value.data(), value.size());
        if (n >= 0)
            out.emplace_back(name, value.substr(0, static_cast<std::size_t>(n)));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string contents(const std::string &path, const struct stat &st)
{
    if (S_ISLNK(st.st_mode)) {
        std::string target(4096, '\0');
        const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
        return n < 0 ? "" : target.substr(0, static_cast<std::size_t>(n));
    }
    if (!S_ISREG(st.st_mode))
        return "";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    return data.str();
}

} // namespace

void PrintTo(const NodeInfo &node, std::ostream *os)
{
    *os << node.type << " rdev " << node.rdev << " mode " << std::oct << node.mode << std::dec << " size " << node.size << " mtime "
        << node.mtime_sec << "." << node.mtime_nsec << " data '" << node.data << "'";
    if (!node.linked_to.empty())
        *os << " linked to " << node.linked_to;
    for (const auto &[name, value] : node.xattrs)
        *os << " " << name << "=" << value;
}

std::map<std::string, NodeInfo> snapshot(const std::filesystem::path &root)
{
    std::vector<std::string> paths;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(root))
        paths.push_back(std::filesystem::relative(entry.path(), root).string());
    std::sort(paths.begin(), paths.end());

    std::map<std::string, NodeInfo> nodes;
    std::map<std::pair<dev_t, ino_t>, std::string> first_name;
    for (const auto &relative : paths) {
        const std::string path = (root / relative).string();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0)
            continue;
        NodeInfo node{type_of(st.st_mode), st.st_mode & 07777, S_ISDIR(st.st_mode) ? 0 : st.st_size,
                      st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_rdev, contents(path, st), "", xattrs_of(path)};
        if (!S_ISDIR(st.st_mode)) {
            const auto [it, first] = first_name.try_emplace({st.st_dev, st.st_ino}, relative);
            if (!first)
                node.linked_to = it->second;
        }
        nodes.emplace(relative, std::move(node));
    }
    return nodes;
}

bool user_xattrs_supported(const std::filesystem::path &dir)
{
    const std::string probe = (dir / ".xattr-probe").string();
    { std::ofstream(probe) << ""; }
    const bool ok = ::setxattr(probe.c_str(), "user.probe", "1", 1, 0) == 0;
    ::unlink(probe.c_str());
    return ok;
}

bool make_whiteout(const std::filesystem::path &path)
{
    return ::mknod(path.c_str(), S_IFCHR, makedev(0, 0)) == 0;
}

bool whiteouts_supported(const std::filesystem::path &dir)
{
    const std::filesystem::path probe = dir / ".whiteout-probe";
    const bool ok = make_whiteout(probe);
    ::unlink(probe.c_str());
    return ok;
}

} // namespace strata::test
