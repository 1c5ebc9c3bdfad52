// SPDX-License-Identifier: GPL-2.0-only
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <linux/mount.h>

#include "strata/mount_attr.h"
#include "strata/mount_plan.h"

namespace strata {
namespace {

using Calls = std::vector<ConfigCall>;

Result<MountPlan> plan_from(std::string_view text)
{
    auto options = split_options(text);
    if (!options)
        return options.error();
    return build_plan(options.value());
}

ConfigCall string_call(const char *key, const char *value, bool passthrough = false)
{
    return {ConfigType::String, key, value, passthrough};
}

ConfigCall flag_call(const char *key, bool passthrough = false)
{
    return {ConfigType::Flag, key, "", passthrough};
}

void expect_usage_error(std::string_view options, std::string_view message_part)
{
    auto plan = plan_from(options);
    ASSERT_FALSE(plan.ok()) << "accepted: " << options;
    EXPECT_EQ(plan.error().failure, Failure::Usage);
    EXPECT_NE(plan.error().message.find(message_part), std::string::npos)
        << plan.error().message;
}

TEST(BuildPlan, EachLowerLayerIsOneLowerdirPlusCallTopFirst)
{
    auto plan = plan_from("lowerdir=/l1:/l2:/l3");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/l1"),
                                         string_call("lowerdir+", "/l2"),
                                         string_call("lowerdir+", "/l3")}));
    EXPECT_EQ(plan.value().lower_layers, (std::vector<std::string>{"/l1", "/l2", "/l3"}));
    EXPECT_TRUE(plan.value().upper_dir.empty());
    EXPECT_EQ(plan.value().mount_attrs, 0u);
}

TEST(BuildPlan, OrdersLayersThenUpperThenWorkThenOtherOptions)
{
    auto plan = plan_from("redirect_dir=on,workdir=/w,lowerdir=/a:/b,index,upperdir=/u");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls,
              (Calls{string_call("lowerdir+", "/a"), string_call("lowerdir+", "/b"),
                     string_call("upperdir", "/u"), string_call("workdir", "/w"),
                     string_call("redirect_dir", "on", true), flag_call("index", true)}));
    EXPECT_EQ(plan.value().upper_dir, "/u");
    EXPECT_EQ(plan.value().work_dir, "/w");
}

// fsconfig() refuses string values of 256 bytes or more.
TEST(BuildPlan, LongLayerPathsGoAsPathValues)
{
    const std::string fits = "/" + std::string(254, 'a');
    const std::string longer = "/" + std::string(255, 'b');
    auto plan = plan_from("lowerdir=" + fits + ":" + longer + ",upperdir=" + longer +
                          ",workdir=/w");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls,
              (Calls{string_call("lowerdir+", fits.c_str()),
                     {ConfigType::Path, "lowerdir+", longer, false},
                     {ConfigType::Path, "upperdir", longer, false},
                     string_call("workdir", "/w")}));
}

TEST(BuildPlan, LowerdirReplacesAndLowerdirPlusAppends)
{
    auto plan = plan_from("lowerdir=/old,lowerdir=/a,lowerdir+=/b");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().lower_layers, (std::vector<std::string>{"/a", "/b"}));
}

TEST(BuildPlan, LowerLayersAreSentDecoded)
{
    auto plan = plan_from(R"(lowerdir=/a\:1:/b\,2,lowerdir+=/c\,3)");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/a:1"),
                                         string_call("lowerdir+", "/b,2"),
                                         string_call("lowerdir+", "/c,3")}));
}

// overlayfs unescapes upperdir/workdir in the kernel, so they go as given;
// the decoded path is what the helper checks on disk.
TEST(BuildPlan, UpperAndWorkKeepTheirEscapesForTheKernel)
{
    auto plan = plan_from(R"(lowerdir=/l,upperdir=/u\,x,workdir=/w\\y)");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls[1], string_call("upperdir", R"(/u\,x)"));
    EXPECT_EQ(plan.value().calls[2], string_call("workdir", R"(/w\\y)"));
    EXPECT_EQ(plan.value().upper_dir, "/u,x");
    EXPECT_EQ(plan.value().work_dir, R"(/w\y)");
}

TEST(BuildPlan, RefusesMissingLowerdir)
{
    expect_usage_error("upperdir=/u,workdir=/w", "no lowerdir given");
    expect_usage_error("", "no lowerdir given");
}

TEST(BuildPlan, RefusesLayerOptionsWithoutDirectory)
{
    expect_usage_error("lowerdir", "option 'lowerdir' needs a directory");
    expect_usage_error("lowerdir=/a,upperdir=", "option 'upperdir' needs a directory");
}

TEST(BuildPlan, PassesOnLowerdirSyntaxErrors)
{
    expect_usage_error("lowerdir=/a::/b", "empty layer at position 2");
}

TEST(BuildPlan, RefusesUpperdirWithoutWorkdir)
{
    expect_usage_error("lowerdir=/a,upperdir=/u", "upperdir needs a workdir");
}

// overlayfs ignores such a workdir; the helper drops it with a warning.
TEST(BuildPlan, IgnoresWorkdirWithoutUpperdir)
{
    auto plan = plan_from("lowerdir=/a,workdir=/w");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_TRUE(plan.value().work_dir.empty());
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/a")}));
    ASSERT_EQ(plan.value().warnings.size(), 1u);
    EXPECT_NE(plan.value().warnings[0].find("ignoring 'workdir=/w'"), std::string::npos);
}

std::vector<MountOption> layer_options(std::size_t count)
{
    std::vector<MountOption> options;
    for (std::size_t i = 0; i < count; ++i)
        options.push_back({"lowerdir+", "/layer" + std::to_string(i)});
    return options;
}

TEST(BuildPlan, AcceptsTheMaximumNumberOfLayers)
{
    auto plan = build_plan(layer_options(max_lower_layers));
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls.size(), 500u);
    EXPECT_EQ(plan.value().calls.front().value, "/layer0");
    EXPECT_EQ(plan.value().calls.back().value, "/layer499");
}

TEST(BuildPlan, RefusesMoreThanTheMaximumNumberOfLayers)
{
    auto plan = build_plan(layer_options(max_lower_layers + 1));
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().failure, Failure::Usage);
    EXPECT_EQ(plan.error().message, "501 lower layers given: strata supports at most 500");
}

TEST(BuildPlan, ReadOnlySetsTheMountAttributeAndTheSuperblockFlag)
{
    auto plan = plan_from("ro,lowerdir=/a,index=off");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().mount_attrs, unsigned{MOUNT_ATTR_RDONLY});
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/a"),
                                         string_call("index", "off", true), flag_call("ro")}));
}

TEST(BuildPlan, LaterRwCancelsRo)
{
    auto plan = plan_from("ro,lowerdir=/a,rw");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().mount_attrs, 0u);
    EXPECT_EQ(plan.value().calls, Calls{string_call("lowerdir+", "/a")});
}

struct AttrCase {
    const char *options;
    unsigned int attrs;
};

void PrintTo(const AttrCase &c, std::ostream *os)
{
    *os << c.options;
}

class BuildPlanMountAttrs : public ::testing::TestWithParam<AttrCase> {};

TEST_P(BuildPlanMountAttrs, BecomeMountAttributesNotFsconfigCalls)
{
    auto plan = plan_from(std::string("lowerdir=/a,") + GetParam().options);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().mount_attrs, GetParam().attrs) << GetParam().options;
    EXPECT_EQ(plan.value().calls, Calls{string_call("lowerdir+", "/a")});
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BuildPlanMountAttrs,
    ::testing::Values(AttrCase{"nosuid", MOUNT_ATTR_NOSUID},
                      AttrCase{"nodev,noexec", MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC},
                      AttrCase{"noatime", MOUNT_ATTR_NOATIME},
                      AttrCase{"strictatime", MOUNT_ATTR_STRICTATIME},
                      AttrCase{"noatime,relatime", MOUNT_ATTR_RELATIME},
                      AttrCase{"strictatime,atime", MOUNT_ATTR_RELATIME},
                      AttrCase{"nodiratime,nosymfollow",
                               MOUNT_ATTR_NODIRATIME | MOUNT_ATTR_NOSYMFOLLOW},
                      AttrCase{"nosuid,nodev,suid", MOUNT_ATTR_NODEV},
                      AttrCase{"noexec,exec,dev,diratime,symfollow", 0}));

TEST(BuildPlan, DropsUserspaceOnlyOptions)
{
    auto plan = plan_from("defaults,lowerdir=/a,nofail,x-systemd.automount,_netdev,"
                          "comment=foo,X-mount.mkdir,noauto,user");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls, Calls{string_call("lowerdir+", "/a")});
}

TEST(BuildPlan, RefusesOperationsOnExistingMounts)
{
    expect_usage_error("lowerdir=/a,bind", "option 'bind' is not supported");
    expect_usage_error("lowerdir=/a,rprivate", "option 'rprivate' is not supported");
}

TEST(BuildPlan, RemountChangesOnlyMountFlags)
{
    // mount(8) repeats the layers from mountinfo: accepted, nothing sent.
    auto plan = plan_from("remount,ro,nosuid,lowerdir=/a:/b");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_TRUE(plan.value().remount);
    EXPECT_EQ(plan.value().mount_attrs, unsigned{MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID});

    auto bare = plan_from("remount,rw");
    ASSERT_TRUE(bare.ok()) << bare.error().message;
    EXPECT_TRUE(bare.value().remount);
    EXPECT_FALSE(plan_from("lowerdir=/a").value().remount);
}

// Checked against the mounted union at run time (changed_on_remount()).
TEST(BuildPlan, RemountKeepsFilesystemOptionsToCheck)
{
    auto plan = plan_from("remount,ro,userxattr,uuid=off,lowerdir=/a");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().remount_options, (std::vector<std::string>{"userxattr", "uuid=off"}));
    EXPECT_TRUE(plan.value().calls.empty());
}

// What a containers/storage mount_program receives besides the layers.
TEST(BuildPlan, DropsDurabilityHintsWithAWarning)
{
    auto plan = plan_from("lowerdir=/a,upperdir=/u,workdir=/w,volatile,fsync=0,nodev");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/a"),
                                         string_call("upperdir", "/u"),
                                         string_call("workdir", "/w")}));
    ASSERT_EQ(plan.value().warnings.size(), 2u);
    EXPECT_NE(plan.value().warnings[0].find("ignoring 'volatile'"), std::string::npos);
    EXPECT_NE(plan.value().warnings[1].find("ignoring 'fsync=0'"), std::string::npos);
    EXPECT_EQ(plan.value().mount_attrs, unsigned{MOUNT_ATTR_NODEV});
}

// Fedora's storage.conf: mountopt = "nodev,metacopy=on".
TEST(BuildPlan, DropsMetacopyOnWithAWarning)
{
    auto plan = plan_from("lowerdir=/a,upperdir=/u,workdir=/w,nodev,metacopy=on");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan.value().calls, (Calls{string_call("lowerdir+", "/a"),
                                         string_call("upperdir", "/u"),
                                         string_call("workdir", "/w")}));
    ASSERT_EQ(plan.value().warnings.size(), 1u);
    EXPECT_NE(plan.value().warnings[0].find("ignoring 'metacopy=on'"), std::string::npos);
    EXPECT_EQ(plan.value().mount_attrs, unsigned{MOUNT_ATTR_NODEV});
}

// metacopy=off says what strata does: the kernel takes it as it is.
TEST(BuildPlan, PassesMetacopyOffToTheKernel)
{
    auto plan = plan_from("lowerdir=/a,metacopy=off");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_TRUE(plan.value().warnings.empty());
    EXPECT_EQ(plan.value().calls.back().key, "metacopy");
}

TEST(BuildPlan, RefusesIdShiftingOptions)
{
    expect_usage_error("lowerdir=/a,uidmapping=0:1000:1", "option 'uidmapping' (a fuse-overlayfs option)");
    expect_usage_error("lowerdir=/a,squash_to_uid=1000", "does not shift file owners");
    expect_usage_error("lowerdir=/a,xattr_permissions=2", "option 'xattr_permissions'");
}

TEST(LegacyMountData, JoinsLayersWithEscapesThenTheOtherOptions)
{
    auto plan = plan_from(R"(lowerdir=/a\:1:/b\,2,upperdir=/u\,x,workdir=/w,ro,nosuid,userxattr)");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    auto data = legacy_mount_data(plan.value());
    ASSERT_TRUE(data.ok()) << data.error().message;
    // ro and nosuid go in mount(2)'s flags, not in its data.
    EXPECT_EQ(data.value(), R"(lowerdir=/a\:1:/b\,2,upperdir=/u\,x,workdir=/w,userxattr)");
}

TEST(LegacyMountData, RefusesWhatDoesNotFitInAPage)
{
    const std::string path = "/" + std::string(199, 'p');
    std::string options = "lowerdir=" + path;
    for (int i = 0; i < 20; ++i)
        options += ":" + path;
    auto plan = plan_from(options);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    auto data = legacy_mount_data(plan.value());
    ASSERT_FALSE(data.ok());
    EXPECT_NE(data.error().message.find("4229 bytes, more than the 4095"), std::string::npos)
        << data.error().message;
}

TEST(FindMountAttr, KnowsOnlyMountAttributes)
{
    EXPECT_TRUE(find_mount_attr("nosuid").has_value());
    EXPECT_FALSE(find_mount_attr("index").has_value());
    EXPECT_FALSE(find_mount_attr("lowerdir").has_value());
}

TEST(Describe, ShowsKeyAndValue)
{
    EXPECT_EQ(describe(string_call("lowerdir+", "/a")), "lowerdir+=/a");
    EXPECT_EQ(describe(flag_call("ro")), "ro");
}

} // namespace
} // namespace strata
