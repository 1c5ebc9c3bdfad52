// SPDX-License-Identifier: GPL-2.0-only
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "case_format.h"
#include "content.h"
#include "generator.h"
#include "namespace_model.h"
#include "path_rules.h"

namespace strata::difftest {
namespace {

TEST(DifftestGenerator, SameSeedGivesTheSameCase)
{
    const GeneratorOptions options;
    for (std::uint64_t seed : {0ULL, 1ULL, 42ULL, 0xdeadbeefULL}) {
        EXPECT_EQ(generate_case(seed, options), generate_case(seed, options));
        EXPECT_EQ(format_case(generate_case(seed, options)),
                  format_case(generate_case(seed, options)));
    }
}

TEST(DifftestGenerator, DifferentSeedsGiveDifferentCases)
{
    std::set<std::string> texts;
    for (std::uint64_t seed = 1; seed <= 50; seed++) {
        TestCase c = generate_case(seed, GeneratorOptions{});
        c.seed = 0; // the seed itself is printed in the case
        texts.insert(format_case(c));
    }
    EXPECT_EQ(texts.size(), 50U);
}

TEST(DifftestGenerator, HonoursItsOptions)
{
    for (std::uint64_t seed = 1; seed <= 100; seed++) {
        const TestCase c = generate_case(seed, GeneratorOptions{25, 3, true});
        EXPECT_EQ(c.ops.size(), 25U);
        EXPECT_GE(c.layers.size(), 1U);
        EXPECT_LE(c.layers.size(), 3U);
    }
}

// In a user namespace that maps one id, every layer object is owned by it;
// the ops still name other owners, which both unions must refuse there.
TEST(DifftestGenerator, SingleOwnerGivesEveryLayerObjectToRoot)
{
    GeneratorOptions options;
    options.single_owner = true;
    bool other_owner_in_ops = false;
    for (std::uint64_t seed = 1; seed <= 100; seed++) {
        const TestCase c = generate_case(seed, options);
        for (const Layer &layer : c.layers) {
            for (const Entry &entry : layer) {
                EXPECT_EQ(entry.uid, 0U) << entry.path;
                EXPECT_EQ(entry.gid, 0U) << entry.path;
            }
        }
        other_owner_in_ops |= std::ranges::any_of(
            c.ops, [](const Op &op) { return op.kind == OpKind::chown && op.uid != 0; });
    }
    EXPECT_TRUE(other_owner_in_ops);
    // Without it, some layer objects have other owners.
    bool other_owner = false;
    for (std::uint64_t seed = 1; seed <= 20 && !other_owner; seed++) {
        for (const Layer &layer : generate_case(seed, GeneratorOptions{}).layers)
            other_owner |= std::ranges::any_of(layer, [](const Entry &e) { return e.uid != 0; });
    }
    EXPECT_TRUE(other_owner);
}

// Counts the hard links in the layers and the link ops of 100 cases.
[[nodiscard]] std::pair<std::size_t, std::size_t> links_in(bool hardlinks)
{
    std::size_t in_layers = 0, ops = 0;
    for (std::uint64_t seed = 1; seed <= 100; seed++) {
        const TestCase c = generate_case(seed, GeneratorOptions{40, 16, true, hardlinks});
        for (const Layer &layer : c.layers)
            in_layers += std::ranges::count(layer, EntryKind::hardlink, &Entry::kind);
        ops += std::ranges::count(c.ops, OpKind::link, &Op::kind);
    }
    return {in_layers, ops};
}

TEST(DifftestGenerator, HardlinksMakesLinksCommon)
{
    const auto plain = links_in(false);
    const auto heavy = links_in(true);
    EXPECT_GT(heavy.first, 3 * plain.first);
    EXPECT_GT(heavy.second, 3 * plain.second);
}

TEST(DifftestGenerator, WithoutUserXattrsNoXattrAnywhere)
{
    for (std::uint64_t seed = 1; seed <= 100; seed++) {
        const TestCase c = generate_case(seed, GeneratorOptions{40, 16, false});
        for (const Layer &layer : c.layers) {
            for (const Entry &e : layer)
                EXPECT_TRUE(e.xattrs.empty()) << "seed " << seed << " " << e.path;
        }
        for (const Op &op : c.ops)
            EXPECT_TRUE(op.kind != OpKind::setxattr && op.kind != OpKind::removexattr);
    }
}

// Over many seeds the generator makes every kind of layer entry and op, and
// the shape the task asks for: depth at most 3, safe paths and targets.
TEST(DifftestGenerator, CoversEveryKindWithSafePaths)
{
    std::set<EntryKind> entry_kinds;
    std::set<OpKind> op_kinds;
    bool opaque = false, sparse = false, big = false, xattrs = false;
    for (std::uint64_t seed = 1; seed <= 300; seed++) {
        const TestCase c = generate_case(seed, GeneratorOptions{});
        for (const Layer &layer : c.layers) {
            for (const Entry &e : layer) {
                entry_kinds.insert(e.kind);
                EXPECT_TRUE(is_safe_relative_path(e.path)) << e.path;
                EXPECT_LE(path_depth(e.path), 3U) << e.path;
                if (e.kind == EntryKind::symlink) {
                    EXPECT_TRUE(is_safe_symlink_target(e.target)) << e.target;
                }
                opaque |= e.opaque;
                sparse |= e.sparse;
                big |= e.size > 100000;
                xattrs |= !e.xattrs.empty();
            }
        }
        for (const Op &op : c.ops) {
            op_kinds.insert(op.kind);
            if (op.kind == OpKind::symlink) {
                EXPECT_TRUE(is_safe_symlink_target(op.target)) << op.target;
            }
        }
    }
    EXPECT_EQ(entry_kinds.size(), 6U);
    EXPECT_EQ(op_kinds.size(), 19U);
    EXPECT_TRUE(opaque && sparse && big && xattrs);
}

TEST(DifftestContent, IsAFunctionOfFillAndPosition)
{
    unsigned char whole[64];
    unsigned char part[16];
    content_bytes(7, 0, whole);
    content_bytes(7, 21, part);
    EXPECT_TRUE(std::equal(std::begin(part), std::end(part), whole + 21));
    unsigned char other[64];
    content_bytes(8, 0, other);
    EXPECT_FALSE(std::equal(std::begin(whole), std::end(whole), other));
}

[[nodiscard]] Entry entry(EntryKind kind, const std::string &path, bool opaque = false)
{
    Entry e;
    e.kind = kind;
    e.path = path;
    e.opaque = opaque;
    return e;
}

using Kinds = std::map<std::string, NodeKind>;

TEST(DifftestNamespaceModel, FollowsOverlayLookupRules)
{
    const std::vector<Layer> layers = {
        // L1, the top
        {entry(EntryKind::dir, "d"), entry(EntryKind::whiteout, "d/gone"),
         entry(EntryKind::dir, "o", true), entry(EntryKind::file, "f")},
        // L2: no "d/..." here: a gap the merge passes
        {entry(EntryKind::file, "o/hidden"), entry(EntryKind::dir, "f"),
         entry(EntryKind::file, "f/shadowed")},
        // L3
        {entry(EntryKind::dir, "d"), entry(EntryKind::file, "d/gone"),
         entry(EntryKind::symlink, "d/kept"), entry(EntryKind::fifo, "p")},
    };
    const NamespaceModel model(layers);
    EXPECT_EQ(model.visible(), (Kinds{{"d", NodeKind::dir},
                                      {"d/kept", NodeKind::symlink},
                                      {"f", NodeKind::file},
                                      {"o", NodeKind::dir},
                                      {"p", NodeKind::fifo}}));
    EXPECT_EQ(model.hidden(), (std::set<std::string>{"d/gone", "f/shadowed", "o/hidden"}));
}

TEST(DifftestNamespaceModel, FileBelowADirEndsTheMerge)
{
    const std::vector<Layer> layers = {
        {entry(EntryKind::dir, "d")},
        {entry(EntryKind::file, "d")},
        {entry(EntryKind::dir, "d"), entry(EntryKind::file, "d/x")},
    };
    EXPECT_EQ(NamespaceModel(layers).visible(), (Kinds{{"d", NodeKind::dir}}));
}

TEST(DifftestNamespaceModel, GuessesWhatOpsDid)
{
    NamespaceModel model({{entry(EntryKind::dir, "d"), entry(EntryKind::file, "d/f")}});
    const auto apply = [&](const char *line) {
        auto op = parse_op(line);
        ASSERT_TRUE(op.ok()) << op.error().message;
        model.apply(op.value());
    };
    apply("mkdir e 0755");
    apply("create e/x 0644");
    apply("rename d/f e/y none");
    apply("create nodir/x 0644"); // the parent does not exist: nothing
    EXPECT_EQ(model.visible(), (Kinds{{"d", NodeKind::dir},
                                      {"e", NodeKind::dir},
                                      {"e/x", NodeKind::file},
                                      {"e/y", NodeKind::file}}));
    EXPECT_TRUE(model.hidden().contains("d/f"));
    apply("rename d e exchange");
    EXPECT_EQ(model.visible(), (Kinds{{"d", NodeKind::dir},
                                      {"d/x", NodeKind::file},
                                      {"d/y", NodeKind::file},
                                      {"e", NodeKind::dir}}));
    apply("rmdir d"); // not empty: nothing
    apply("unlink d/x");
    apply("unlink d/y");
    apply("rmdir d");
    EXPECT_EQ(model.visible(), (Kinds{{"e", NodeKind::dir}}));
}

} // namespace
} // namespace strata::difftest
