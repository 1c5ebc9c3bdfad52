// SPDX-License-Identifier: GPL-2.0-only
//
// TempDir: a fresh directory for one test, removed with everything in it
// afterwards (even directories the test left without write permission).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace strata::test {

class TempDir {
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "strata-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr)
            path_ = pattern;
    }
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    ~TempDir()
    {
        if (path_.empty())
            return;
        std::error_code ignored;
        for (const auto &entry : std::filesystem::recursive_directory_iterator(path_, ignored)) {
            if (entry.is_directory(ignored) && !entry.is_symlink(ignored))
                std::filesystem::permissions(entry.path(), std::filesystem::perms::owner_all,
                                             std::filesystem::perm_options::add, ignored);
        }
        std::filesystem::remove_all(path_, ignored);
    }

    [[nodiscard]] bool ok() const { return !path_.empty(); }
    [[nodiscard]] const std::filesystem::path &path() const { return path_; }
    [[nodiscard]] std::string operator/(const std::string &name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

} // namespace strata::test
