// SPDX-License-Identifier: GPL-2.0-only
#include "identity.h"

#include <cerrno>
#include <cstring>
#include <system_error>
#include <filesystem>

#include <sys/stat.h>

namespace strata::difftest {

Result<Identities> Identities::of_layers(const std::vector<std::string> &lowers,
                                         std::string upper)
{
    namespace fs = std::filesystem;
    Identities ids;
    ids.upper_ = std::move(upper);
    for (std::size_t k = 0; k < lowers.size(); k++) {
        std::error_code ec;
        // Sorted, so that hard links are named by the same path on both sides.
        std::map<std::string, std::uint64_t> paths;
        for (fs::recursive_directory_iterator it(lowers[k], ec), end; !ec && it != end;
             it.increment(ec)) {
            struct stat st {};
            if (::lstat(it->path().c_str(), &st) < 0)
                return Error{Failure::System,
                             "lstat " + it->path().string() + ": " + std::strerror(errno), errno};
            // Not fs::relative(): it follows symlinks, which may loop.
            paths.emplace(it->path().string().substr(lowers[k].size() + 1), st.st_ino);
        }
        if (ec)
            return Error{Failure::System, "walk " + lowers[k] + ": " + ec.message(), ec.value()};
        struct stat root {};
        if (::lstat(lowers[k].c_str(), &root) == 0)
            paths.emplace(".", root.st_ino);
        for (const auto &[path, ino] : paths)
            ids.lower_.emplace(ino, "L" + std::to_string(k + 1) + ":" + path);
    }
    return ids;
}

std::string Identities::name(std::uint64_t ino, const std::string &path) const
{
    if (const auto lower = lower_.find(ino); lower != lower_.end())
        return lower->second;
    struct stat st {};
    const std::string upper = path == "." ? upper_ : upper_ + "/" + path;
    if (::lstat(upper.c_str(), &st) == 0 && st.st_ino == ino)
        return "upper";
    return "other";
}

} // namespace strata::difftest
