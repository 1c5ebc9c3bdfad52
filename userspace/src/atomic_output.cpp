// SPDX-License-Identifier: GPL-2.0-only
#include "atomic_output.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strata/errors.h"

namespace strata {

namespace {

// ".NAME.XXXXXX" in the output's directory: the same filesystem, so the
// final rename is atomic; hidden, so a half-written file draws no notice.
std::string temp_template(const std::string &path)
{
    const std::filesystem::path final_path(path);
    return (final_path.parent_path() / ("." + final_path.filename().string() + ".XXXXXX")).string();
}

mode_t new_file_mode()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

} // namespace

Result<AtomicOutput> AtomicOutput::create(const std::string &path)
{
    if (path == "-")
        return AtomicOutput(path, "", UniqueFd());
    std::string temp = temp_template(path);
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot create a temporary file beside '" + path + "'", errno);
    return AtomicOutput(path, std::move(temp), UniqueFd(fd));
}

AtomicOutput::AtomicOutput(AtomicOutput &&other) noexcept
    : final_path_(std::move(other.final_path_)), temp_path_(std::exchange(other.temp_path_, "")),
      fd_(std::move(other.fd_))
{
}

AtomicOutput::~AtomicOutput()
{
    if (!temp_path_.empty())
        ::unlink(temp_path_.c_str());
}

int AtomicOutput::fd() const noexcept
{
    return fd_.valid() ? fd_.get() : STDOUT_FILENO;
}

Result<void> AtomicOutput::commit()
{
    if (temp_path_.empty())
        return {};
    if (::fchmod(fd_.get(), new_file_mode()) < 0)
        return io_error("cannot set the mode of '" + temp_path_ + "'", errno);
    if (::fsync(fd_.get()) < 0)
        return io_error("cannot write '" + temp_path_ + "'", errno);
    if (::rename(temp_path_.c_str(), final_path_.c_str()) < 0)
        return io_error("cannot rename '" + temp_path_ + "' to '" + final_path_ + "'", errno);
    temp_path_.clear();
    return {};
}

} // namespace strata
