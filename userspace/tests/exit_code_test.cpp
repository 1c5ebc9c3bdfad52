// SPDX-License-Identifier: GPL-2.0-only
#include <cerrno>
#include <ostream>
#include <utility>

#include <gtest/gtest.h>

#include "strata/exit_code.h"
#include "strata/result.h"

namespace strata {

// Readable test names in gtest and CTest output; found by ADL, so it
// lives in Failure's namespace.
void PrintTo(Failure failure, std::ostream *os)
{
    static constexpr const char *names[] = {"Usage",  "System",      "Software", "Interrupted",
                                            "FileIo", "MountFailed", "SomeOk"};
    *os << names[static_cast<int>(failure)];
}

namespace {

class ExitCodeTest : public ::testing::TestWithParam<std::pair<Failure, int>> {};

// The literal numbers are the helper contract mount(8) relies on; checking
// them and not only the macros catches a wrong mapping and a wrong header.
TEST_P(ExitCodeTest, MapsFailureToLibmountCode)
{
    const auto [failure, code] = GetParam();
    EXPECT_EQ(exit_code(failure), code);
}

INSTANTIATE_TEST_SUITE_P(
    AllFailures, ExitCodeTest,
    ::testing::Values(std::pair{Failure::Usage, 1}, std::pair{Failure::System, 2},
                      std::pair{Failure::Software, 4}, std::pair{Failure::Interrupted, 8},
                      std::pair{Failure::FileIo, 16}, std::pair{Failure::MountFailed, 32},
                      std::pair{Failure::SomeOk, 64}));

TEST(ExitCode, LibmountConstantsHaveTheirDocumentedValues)
{
    EXPECT_EQ(MNT_EX_SUCCESS, 0);
    EXPECT_EQ(exit_code(Failure::Usage), MNT_EX_USAGE);
    EXPECT_EQ(exit_code(Failure::MountFailed), MNT_EX_FAIL);
    EXPECT_EQ(exit_code(Failure::FileIo), MNT_EX_FILEIO);
}

TEST(ClassifyErrno, ResourceAndSupportErrorsAreSystemErrors)
{
    for (const int err : {ENOMEM, ENOBUFS, EMFILE, ENFILE, ENOSYS, EFAULT, EBADF})
        EXPECT_EQ(classify_errno(err), Failure::System) << "errno " << err;
}

TEST(ClassifyErrno, InterruptionIsTheUsers)
{
    EXPECT_EQ(classify_errno(EINTR), Failure::Interrupted);
}

TEST(ClassifyErrno, OtherErrorsAreKernelRefusals)
{
    for (const int err : {EINVAL, ENOENT, ENOTDIR, EBUSY, EACCES, ELOOP, EXDEV})
        EXPECT_EQ(classify_errno(err), Failure::MountFailed) << "errno " << err;
}

TEST(Result, HoldsValueOrError)
{
    Result<int> good(7);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good.value(), 7);

    Result<int> bad(usage_error("nope"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().failure, Failure::Usage);
    EXPECT_EQ(bad.error().message, "nope");

    Result<void> done;
    EXPECT_TRUE(done.ok());
    Result<void> failed(Error{Failure::System, "x", ENOMEM});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().sys_errno, ENOMEM);
}

} // namespace
} // namespace strata
