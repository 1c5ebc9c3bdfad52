// SPDX-License-Identifier: GPL-2.0-only
#include "import_target.h"

#include <cerrno>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir_listing.h"
#include "strata/errors.h"
#include "tree_removal.h"

namespace strata {

namespace {

// dir as its parent and its last component ("a/b/" is "a" and "b").
std::pair<std::string, std::string> split_dir(const std::string &dir)
{
    std::filesystem::path path = std::filesystem::path(dir).lexically_normal();
    if (!path.has_filename() && path.has_relative_path())
        path = path.parent_path();
    const std::filesystem::path parent = path.parent_path();
    const std::filesystem::path name = path.filename();
    return {parent.empty() ? "." : parent.string(), name.empty() ? "." : name.string()};
}

Result<void> check_empty(int fd, const std::string &dir)
{
    auto names = list_directory(fd);
    if (!names)
        return with_context("'" + dir + "'", names.error());
    if (!names.value().empty())
        return content_error("'" + dir + "' is not empty: import into a new or empty directory");
    return {};
}

} // namespace

Result<ImportTarget> ImportTarget::prepare(const std::string &dir)
{
    const auto [parent_path, name] = split_dir(dir);
    const int parent = ::open(parent_path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0)
        return io_error("cannot open '" + parent_path + "'", errno);
    UniqueFd parent_fd(parent);
    const bool created = ::mkdirat(parent, name.c_str(), 0755) == 0;
    if (!created && errno != EEXIST)
        return io_error("cannot create '" + dir + "'", errno);
    const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot open '" + dir + "'", errno);
    ImportTarget target(std::move(parent_fd), name, UniqueFd(fd), created);
    if (auto ok = check_empty(target.fd(), dir); !ok) {
        if (!created)
            target.keep(); // not ours to empty
        return ok.error();
    }
    return target;
}

ImportTarget::ImportTarget(ImportTarget &&other) noexcept
    : parent_(std::move(other.parent_)), name_(std::move(other.name_)), dir_(std::move(other.dir_)),
      created_(other.created_), armed_(std::exchange(other.armed_, false))
{
}

ImportTarget::~ImportTarget()
{
    if (armed_)
        (void)roll_back();
}

Result<void> ImportTarget::roll_back()
{
    armed_ = false;
    if (auto ok = remove_contents(dir_.get()); !ok)
        return ok;
    if (created_ && ::unlinkat(parent_.get(), name_.c_str(), AT_REMOVEDIR) < 0)
        return io_error("cannot remove '" + name_ + "'", errno);
    return {};
}

} // namespace strata
