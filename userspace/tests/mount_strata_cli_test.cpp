// SPDX-License-Identifier: GPL-2.0-only
//
// Runs the built mount.strata on inputs it must refuse before any syscall
// that needs root, and checks the exit code and the message.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <libmount.h>

namespace {

namespace fs = std::filesystem;

struct Outcome {
    int exit_code = -1;
    std::string output; // stdout and stderr
};

struct PipeClose {
    void operator()(FILE *pipe) const noexcept { pclose(pipe); }
};

// The arguments are the test's own, without shell metacharacters.
Outcome run_helper(const std::string &args)
{
    const std::string command = std::string(MOUNT_STRATA_PATH) + " " + args + " 2>&1";
    Outcome outcome;
    FILE *pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return outcome;
    std::array<char, 512> buf{};
    for (std::size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;)
        outcome.output.append(buf.data(), n);
    const int status = pclose(pipe);
    if (WIFEXITED(status))
        outcome.exit_code = WEXITSTATUS(status);
    return outcome;
}

bool strata_loaded()
{
    if (fs::is_directory("/sys/fs/strata"))
        return true;
    std::ifstream filesystems("/proc/filesystems");
    for (std::string line; std::getline(filesystems, line);) {
        if (line.ends_with("\tstrata"))
            return true;
    }
    return false;
}

class MountStrataCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::string pattern = (fs::temp_directory_path() / "strata-cli-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        for (const char *sub : {"l1", "l2", "upper", "work", "merged"})
            fs::create_directory(dir_ / sub);
        std::ofstream(dir_ / "file") << "not a directory\n";
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string path(const char *sub) const { return (dir_ / sub).string(); }

    fs::path dir_;
};

void expect_output_has(const Outcome &outcome, const std::string &part)
{
    EXPECT_NE(outcome.output.find(part), std::string::npos) << "output: " << outcome.output;
}

TEST_F(MountStrataCli, NoArgumentsPrintsUsage)
{
    const Outcome outcome = run_helper("");
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "usage: mount.strata [SOURCE] TARGET");
}

TEST_F(MountStrataCli, UnknownOptionIsAUsageError)
{
    const Outcome outcome = run_helper("-x none " + path("merged"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "unknown option -x");
}

TEST_F(MountStrataCli, OtherFilesystemTypeIsAUsageError)
{
    const Outcome outcome = run_helper("-t ext4 none " + path("merged"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "mount.strata: filesystem type 'ext4' is not strata");
}

TEST_F(MountStrataCli, MissingLowerdirIsAUsageError)
{
    const Outcome outcome = run_helper("none " + path("merged") + " -o upperdir=/u,workdir=/w");
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "mount.strata: no lowerdir given");
}

TEST_F(MountStrataCli, MissingLayerIsNamed)
{
    const std::string missing = path("nope");
    const Outcome outcome =
        run_helper("-f none " + path("merged") + " -o lowerdir=" + path("l1") + ":" + missing);
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "lower layer 2 '" + missing + "': No such file or directory");
}

TEST_F(MountStrataCli, LayerThatIsAFileIsRefused)
{
    const Outcome outcome = run_helper("-f none " + path("merged") + " -o lowerdir=" +
                                       path("l1") + ",upperdir=" + path("file") +
                                       ",workdir=" + path("work"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "upperdir '" + path("file") + "' is not a directory");
}

TEST_F(MountStrataCli, MountPointMustBeADirectory)
{
    const Outcome outcome = run_helper("-f none " + path("file") + " -o lowerdir=" + path("l1"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "mount point '" + path("file") + "' is not a directory");
}

// containers/storage runs its mount_program as "PROGRAM -o OPTIONS TARGET".
TEST_F(MountStrataCli, TargetAloneIsTheMountProgramConvention)
{
    const Outcome outcome = run_helper("-f -o lowerdir=" + path("l1") + " " + path("file"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "mount point '" + path("file") + "' is not a directory");
}

TEST_F(MountStrataCli, IdShiftingOptionIsExplained)
{
    const Outcome outcome = run_helper("-o lowerdir=" + path("l1") + ",uidmapping=0:1000:1 " +
                                       path("merged"));
    EXPECT_EQ(outcome.exit_code, MNT_EX_USAGE);
    expect_output_has(outcome, "strata does not shift file owners or modes");
}

// With valid paths, a fake mount stops at the module check: it succeeds
// where strata is loaded and explains how to load it everywhere else.
TEST_F(MountStrataCli, FakeMountChecksTheModule)
{
    const Outcome outcome = run_helper("-f -v none " + path("merged") + " -o lowerdir=" +
                                       path("l1") + ":" + path("l2") + ",upperdir=" +
                                       path("upper") + ",workdir=" + path("work"));
    if (strata_loaded()) {
        EXPECT_EQ(outcome.exit_code, MNT_EX_SUCCESS) << outcome.output;
        expect_output_has(outcome, "fake mount (-f)");
    } else {
        EXPECT_EQ(outcome.exit_code, MNT_EX_FAIL);
        expect_output_has(outcome, "mount.strata: the strata module is not loaded (run: "
                                   "modprobe strata, or insmod strata.ko)");
    }
}

} // namespace
