// SPDX-License-Identifier: GPL-2.0-only
#include "tree_plan.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "bench_paths.h"
#include "rng.h"

namespace strata::bench {
namespace {

using difftest::Rng;

constexpr const char *locales[] = {"de", "fr", "es", "ja", "pt_BR", "ru", "zh_CN", "it"};

class Planner {
public:
    explicit Planner(const PlanOptions &options)
        : options_(options), rng_(options.seed), bottom_(options.layers - 1)
    {
        plan_.lowers.resize(options.layers);
    }

    [[nodiscard]] TreePlan take() && { return std::move(plan_); }

    void image()
    {
        std::size_t files = 0;
        for (std::size_t pkg = 0; files < options_.image_files; pkg++)
            files += package(pkg, static_cast<unsigned>(rng_.below(options_.layers)));
    }

    void read_probes()
    {
        for (const std::string dir : {"probe", "probe/hot", "probe/neg", "probe/data", "probe/rdc"})
            merged_dir(dir, Group::read_probe);
        std::string deep = "probe/deep";
        merged_dir(deep, Group::read_probe);
        for (int level = 1; level <= paths::deep_levels; level++)
            merged_dir(deep += fmt::format("/d{}", level), Group::read_probe);
        for (std::size_t i = 0; i < options_.hot_files; i++) {
            bottom_file(paths::hot_file(i), 4096, Group::read_probe);
            bottom_file(paths::deep_file(i), 4096, Group::read_probe);
        }
        bottom_file(paths::blob(), options_.blob_size, Group::read_probe);
        for (const std::size_t entries : options_.readdir_entries)
            spread_dir(paths::readdir_dir(entries), entries);
        for (std::size_t k = 0; k < options_.cold_readdir_dirs; k++)
            spread_dir(paths::cold_readdir_dir(k), options_.cold_readdir_entries);
        // Read rows over copies, on ext4 where cold rows run: each batch
        // copies up its own slot's files first (workloads_read.cpp).
        merged_dir("probe/cp", Group::read_probe);
        for (std::size_t slot = 0; slot < options_.slots; slot++) {
            merged_dir(paths::copied_dir(slot), Group::read_probe);
            for (std::size_t i = 0; i < options_.copied_files; i++)
                bottom_file(paths::copied_file(slot, i), 1024, Group::read_probe);
        }
    }

    void write_probes()
    {
        for (const std::string &dir : {paths::churn_dir(), std::string("probe/cu"),
                                      std::string("probe/ul"), std::string("probe/ch")})
            merged_dir(dir, Group::write_probe);
        for (const CopyUpSet &set : options_.copy_up) {
            merged_dir(paths::copy_up_dir(set.size), Group::write_probe);
            for_each_slot(set.files, [&](std::size_t slot, std::size_t i) {
                bottom_file(paths::copy_up_file(set.size, slot, i), set.size, Group::write_probe);
            });
        }
        for_each_slot(options_.unlink_files, [&](std::size_t slot, std::size_t i) {
            bottom_file(paths::unlink_file(slot, i), 0, Group::write_probe);
        });
        for_each_slot(options_.chown_dirs, [&](std::size_t slot, std::size_t d) {
            for (std::size_t f = 0; f < options_.chown_files; f++)
                bottom_file(fmt::format("{}/d{}/f{}", paths::chown_tree(slot), d, f), 1024,
                            Group::write_probe);
        });
    }

private:
    const PlanOptions &options_;
    Rng rng_;
    const unsigned bottom_;
    TreePlan plan_;

    void add(unsigned layer, PlanEntry entry) { plan_.lowers[layer].push_back(std::move(entry)); }

    void file(unsigned layer, std::string path, std::uint64_t lo, std::uint64_t hi)
    {
        add(layer, PlanEntry{std::move(path), EntryKind::file, rng_.between(lo, hi), "", Group::image});
    }

    void bottom_file(std::string path, std::uint64_t size, Group group)
    {
        add(bottom_, PlanEntry{std::move(path), EntryKind::file, size, "", group});
    }

    // The directory in every layer, so that lookups and listings in it
    // have every layer to consult.
    void merged_dir(const std::string &path, Group group)
    {
        for (unsigned layer = 0; layer < options_.layers; layer++)
            add(layer, PlanEntry{path, EntryKind::dir, 0, "", group});
    }

    // Entry i in layer i mod L; every tenth one whited out in the upper.
    void spread_dir(const std::string &dir, std::size_t entries)
    {
        merged_dir(dir, Group::read_probe);
        for (std::size_t i = 0; i < entries; i++) {
            const std::string path = paths::dir_entry(dir, i);
            add(static_cast<unsigned>(i % options_.layers),
                PlanEntry{path, EntryKind::file, 0, "", Group::read_probe});
            if (i % 10 == 9)
                plan_.upper.push_back(PlanEntry{path, EntryKind::whiteout, 0, "", Group::read_probe});
        }
    }

    template <typename Fn>
    void for_each_slot(std::size_t per_slot, Fn &&fn)
    {
        for (std::size_t slot = 0; slot < options_.slots; slot++) {
            for (std::size_t i = 0; i < per_slot; i++)
                fn(slot, i);
        }
    }

    // One package, the way dpkg spreads it over the tree; the number of
    // files it added.
    std::size_t package(std::size_t n, unsigned layer)
    {
        const std::size_t before = plan_.lowers[layer].size();
        const std::string pkg = fmt::format("pkg{:04}", n);
        const std::uint64_t binaries = rng_.between(0, 2);
        for (std::uint64_t b = 0; b < binaries; b++)
            file(layer, fmt::format("usr/bin/{}-{}", pkg, b), 2048, 24576);
        if (rng_.percent(45)) {
            const std::string lib = "usr/lib/x86_64-linux-gnu/lib" + pkg + ".so";
            file(layer, lib + ".1", 4096, 32768);
            add(layer, PlanEntry{lib, EntryKind::symlink, 0, "lib" + pkg + ".so.1", Group::image});
        }
        if (rng_.percent(25)) {
            const std::string dir = "usr/lib/python3/dist-packages/" + pkg;
            file(layer, dir + "/__init__.py", 0, 512);
            const std::uint64_t modules = rng_.between(2, 8);
            for (std::uint64_t m = 0; m < modules; m++)
                file(layer, fmt::format("{}/mod{}.py", dir, m), 200, 6000);
        }
        file(layer, "usr/share/doc/" + pkg + "/copyright", 500, 3000);
        file(layer, "usr/share/doc/" + pkg + "/changelog.Debian.gz", 300, 4000);
        if (rng_.percent(40))
            file(layer, fmt::format("usr/share/man/man{}/{}.{}.gz", 1, pkg, 1), 300, 3000);
        if (rng_.percent(20)) {
            for (int l = 0; l < 2; l++)
                file(layer, fmt::format("usr/share/locale/{}/LC_MESSAGES/{}.mo",
                                        rng_.pick(locales), pkg),
                     1000, 20000);
        }
        file(layer, "var/lib/dpkg/info/" + pkg + ".list", 100, 2000);
        file(layer, "var/lib/dpkg/info/" + pkg + ".md5sums", 100, 2000);
        if (rng_.percent(20))
            file(layer, "etc/" + pkg + "/" + pkg + ".conf", 100, 2000);
        return plan_.lowers[layer].size() - before;
    }
};

[[nodiscard]] bool under_image(const std::string &path)
{
    return std::ranges::any_of(paths::image_roots, [&](const char *root) {
        const std::string r(root);
        return path == r || path.starts_with(r + "/");
    });
}

} // namespace

TreePlan make_plan(const PlanOptions &options)
{
    Planner planner(options);
    planner.image();
    planner.read_probes();
    planner.write_probes();
    TreePlan plan = std::move(planner).take();
    const std::vector<PlanEntry> merged = flatten(plan);
    plan.image_entries = static_cast<std::size_t>(std::ranges::count_if(
        merged, [](const PlanEntry &e) { return under_image(e.path); }));
    return plan;
}

std::vector<PlanEntry> flatten(const TreePlan &plan)
{
    std::map<std::string, PlanEntry> merged;
    // Bottom first, so an upper layer's entry replaces a lower one's.
    for (auto layer = plan.lowers.rbegin(); layer != plan.lowers.rend(); ++layer) {
        for (const PlanEntry &e : *layer) {
            for (std::size_t slash = e.path.find('/'); slash != std::string::npos;
                 slash = e.path.find('/', slash + 1)) {
                const std::string parent = e.path.substr(0, slash);
                merged.try_emplace(parent, PlanEntry{parent, EntryKind::dir, 0, "", e.group});
            }
            merged.insert_or_assign(e.path, e);
        }
    }
    for (const PlanEntry &w : plan.upper)
        merged.erase(w.path);
    std::vector<PlanEntry> out;
    out.reserve(merged.size());
    for (auto &[path, entry] : merged)
        out.push_back(std::move(entry));
    return out;
}

std::vector<PlanEntry> only_groups(const std::vector<PlanEntry> &entries,
                                   std::initializer_list<Group> groups)
{
    std::vector<PlanEntry> out;
    std::ranges::copy_if(entries, std::back_inserter(out), [&](const PlanEntry &e) {
        return std::ranges::find(groups, e.group) != groups.end();
    });
    return out;
}

std::size_t chown_tree_entries(const PlanOptions &options)
{
    return 1 + options.chown_dirs * (1 + options.chown_files);
}

} // namespace strata::bench
