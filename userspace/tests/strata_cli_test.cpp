// SPDX-License-Identifier: GPL-2.0-only
//
// Runs the built strata tool: exit codes, the one-line error format, and
// the output of diff, inspect and export as a user sees it.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <sys/xattr.h>

#include "tar_builder.h"
#include "temp_dir.h"
#include "tree_snapshot.h"

namespace strata {
namespace {

namespace fs = std::filesystem;

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class StrataCli : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(tmp_.ok()); }

    // The arguments are the test's own, without shell metacharacters.
    Outcome run(const std::string &args)
    {
        const std::string out = tmp_ / "stdout";
        const std::string err = tmp_ / "stderr";
        const std::string command = std::string(STRATA_PATH) + " " + args + " >" + out + " 2>" + err + " </dev/null";
        const int status = std::system(command.c_str());
        Outcome outcome;
        if (WIFEXITED(status))
            outcome.exit_code = WEXITSTATUS(status);
        outcome.out = slurp(out);
        outcome.err = slurp(err);
        fs::remove(out);
        fs::remove(err);
        return outcome;
    }

    test::TempDir tmp_;
};

TEST_F(StrataCli, NoSubcommandIsAUsageError)
{
    const Outcome outcome = run("");
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("strata: A subcommand is required"), std::string::npos) << outcome.err;
}

TEST_F(StrataCli, MissingArgumentIsAUsageErrorOfItsSubcommand)
{
    const Outcome outcome = run("import only-one");
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_TRUE(outcome.err.starts_with("strata import: ")) << outcome.err;
}

TEST_F(StrataCli, UnknownCompressionIsAUsageError)
{
    EXPECT_EQ(run("export --compression lz4 a b").exit_code, 2);
}

TEST_F(StrataCli, HelpAndVersionSucceed)
{
    const Outcome help = run("--help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("import"), std::string::npos);
    const Outcome version = run("--version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_TRUE(version.out.starts_with("strata ")) << version.out;
}

TEST_F(StrataCli, ImportErrorIsOneLineNamingTheEntry)
{
    const std::string tarball = tmp_ / "evil.tar";
    { test::TarBuilder(tarball).file("ok", "x").file("../evil", "x"); }
    const std::string dir = tmp_ / "layer";
    const Outcome outcome = run("import " + tarball + " " + dir);
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_EQ(outcome.err, "strata import: " + tarball +
                               ": entry '../evil': '..' component, which would land outside the layer\n");
    EXPECT_FALSE(fs::exists(dir));
    EXPECT_FALSE(fs::exists(tmp_ / "evil"));
}

TEST_F(StrataCli, ImportFromStdinThenExportToStdout)
{
    const std::string tarball = tmp_ / "in.tar";
    { test::TarBuilder(tarball).dir("d").file("d/f", "data"); }
    const std::string dir = tmp_ / "layer";
    const std::string command = std::string(STRATA_PATH) + " import - " + dir + " <" + tarball;
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(slurp(fs::path(dir) / "d/f"), "data");
    const std::string out = tmp_ / "out.tar";
    const std::string export_command = std::string(STRATA_PATH) + " export " + dir + " - >" + out;
    ASSERT_EQ(std::system(export_command.c_str()), 0);
    const std::string again = tmp_ / "again";
    EXPECT_EQ(run("import " + out + " " + again).exit_code, 0);
    EXPECT_EQ(test::snapshot(again), test::snapshot(dir));
}

// upper over lower, with an opaque directory marked as a userxattr union does.
class StrataCliUnion : public StrataCli {
protected:
    void SetUp() override
    {
        StrataCli::SetUp();
        if (!test::user_xattrs_supported(tmp_.path()))
            GTEST_SKIP() << "no user xattrs on " << tmp_.path();
        const fs::path lower = lower_, upper = upper_;
        fs::create_directories(lower / "etc");
        fs::create_directories(lower / "opt/old");
        std::ofstream(lower / "etc/passwd") << "root\n";
        std::ofstream(lower / "etc/group") << "root\n";
        fs::create_directories(upper / "etc");
        fs::create_directories(upper / "opt");
        std::ofstream(upper / "etc/passwd") << "root\nuser\n";
        std::ofstream(upper / "opt/new") << "n";
        std::ofstream(upper / "added") << "a";
        ASSERT_EQ(::setxattr((upper / "opt").c_str(), "user.overlay.opaque", "y", 1, 0), 0);
    }

    std::string lower_ = tmp_ / "lower";
    std::string upper_ = tmp_ / "upper";
};

TEST_F(StrataCliUnion, DiffAgainstTheLowerLayers)
{
    const Outcome outcome = run("diff --userxattr --lowerdir " + lower_ + " " + upper_);
    EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_EQ(outcome.out, "A /added\nC /etc\nC /etc/passwd\nC /opt\nA /opt/new\nD /opt/old\n");
    EXPECT_EQ(outcome.err, "");
}

TEST_F(StrataCliUnion, DiffWithoutLowersIsABaseLayerWithANote)
{
    const Outcome outcome = run("diff " + upper_);
    EXPECT_EQ(outcome.exit_code, 0);
    EXPECT_EQ(outcome.out, "A /added\nA /etc\nA /etc/passwd\nA /opt\nA /opt/new\n");
    EXPECT_NE(outcome.err.find("strata diff: note: "), std::string::npos) << outcome.err;
}

TEST_F(StrataCliUnion, BadLowerdirSyntaxIsAUsageError)
{
    const Outcome outcome = run("diff --lowerdir " + lower_ + ":: " + upper_);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("empty layer"), std::string::npos) << outcome.err;
}

TEST_F(StrataCliUnion, InspectJson)
{
    const Outcome outcome = run("inspect --json --userxattr --lowerdir " + lower_ + " " + upper_);
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    const auto json = nlohmann::json::parse(outcome.out);
    EXPECT_TRUE(json["mount"].is_null());
    const auto &upper = json["upper"];
    EXPECT_EQ(upper["path"], upper_);
    EXPECT_EQ(upper["files"], 5);
    EXPECT_EQ(upper["opaque_dirs"], nlohmann::json::array({"/opt"}));
    EXPECT_EQ(upper["whiteouts"], nlohmann::json::array());
    EXPECT_EQ(upper["copied_up"], nlohmann::json::array({"/etc", "/etc/passwd", "/opt"}));
    EXPECT_EQ(upper["new"], nlohmann::json::array({"/added", "/opt/new"}));
    EXPECT_GT(upper["bytes"].get<long long>(), 0);
}

TEST_F(StrataCliUnion, InspectTextWithoutLowersSaysWhatIsUnknown)
{
    const Outcome outcome = run("inspect --userxattr " + upper_);
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("opaque dirs   1\n  /opt\n"), std::string::npos) << outcome.out;
    EXPECT_NE(outcome.out.find("copied up     unknown: the layers below are not known"), std::string::npos)
        << outcome.out;
}

TEST_F(StrataCliUnion, WhiteoutsAreDeletions)
{
    if (!test::whiteouts_supported(tmp_.path()))
        GTEST_SKIP() << "this kernel lets only root create whiteouts";
    ASSERT_TRUE(test::make_whiteout(fs::path(upper_) / "etc/group"));
    const Outcome diff = run("diff --userxattr --lowerdir " + lower_ + " " + upper_);
    EXPECT_EQ(diff.exit_code, 0) << diff.err;
    EXPECT_NE(diff.out.find("C /etc\nD /etc/group\nC /etc/passwd\n"), std::string::npos) << diff.out;
    const Outcome inspect = run("inspect --json --userxattr --lowerdir " + lower_ + " " + upper_);
    ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
    const auto json = nlohmann::json::parse(inspect.out);
    EXPECT_EQ(json["upper"]["whiteouts"], nlohmann::json::array({"/etc/group"}));
    EXPECT_EQ(json["upper"]["copied_up"], nlohmann::json::array({"/etc", "/etc/passwd", "/opt"}));
}

TEST_F(StrataCli, InspectOfNothingFails)
{
    const Outcome outcome = run("inspect " + (tmp_ / "nothing"));
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_TRUE(outcome.err.starts_with("strata inspect: ")) << outcome.err;
}

} // namespace
} // namespace strata
