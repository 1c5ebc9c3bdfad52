// SPDX-License-Identifier: GPL-2.0-only
#include "runner.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "format.h"
#include "loop_device.h"
#include "scale.h"
#include "stack.h"
#include "stats.h"
#include "unique_fd.h"
#include "workload.h"

namespace strata::bench {
namespace {

// One contender's side of a workload: its view, mounted fresh, and what it measured.
struct Side {
    Contender who;
    UnionSpec spec;
    MountedView view;
    UniqueFd root;
    std::vector<double> samples;
    bool failed = false;
};

void progress(const std::string &text)
{
    std::fprintf(stderr, "strata-bench: %s\n", text.c_str());
}

class Runner {
public:
    Runner(const RunOptions &options, Scale scale) : options_(options), scale_(std::move(scale)) {}

    [[nodiscard]] Result<ResultSet> run()
    {
        const std::uint64_t start = now_ns();
        describe_run();
        if (results_.contenders.empty())
            return usage_error("no contender can be measured here");
        if (auto ready = setup_scratch(); !ready)
            return ready.error();
        // A layer count that cannot be built (memory) costs its own rows only.
        for (const unsigned layers : results_.layers) {
            if (auto done = run_layers(layers); !done)
                note(fmt::format("{} layers: no figures: {}", layers, done.error().message));
        }
        results_.seconds = static_cast<double>(now_ns() - start) / 1e9;
        return std::move(results_);
    }

private:
    const RunOptions &options_;
    Scale scale_;
    ResultSet results_;
    std::vector<Contender> contenders_;
    MountGuard tmpfs_;
    std::optional<LoopDevice> loop_;
    MountGuard ext4_;
    bool have_ext4_ = false;

    [[nodiscard]] std::string tmpfs_dir() const { return options_.scratch + "/t"; }
    [[nodiscard]] std::string ext4_dir() const { return options_.scratch + "/e"; }

    void note(const std::string &text)
    {
        progress("note: " + text);
        results_.notes.push_back(text);
    }

    void describe_run()
    {
        results_.kernel = kernel_release();
        results_.suite = options_.suite;
        results_.clock = options_.suite; // bench.sh boots the icount suite under -icount
        results_.quick = options_.quick;
        results_.seed = options_.seed;
        results_.cpus = online_cpus();
        results_.layers = options_.layers.empty() ? scale_.layers : options_.layers;
        for (const Contender c : options_.contenders) {
            if (const auto why = unavailable_reason(c)) {
                results_.skipped.push_back(Skip{contender_name(c), *why});
                progress("not measuring " + contender_name(c) + ": " + *why);
                continue;
            }
            contenders_.push_back(c);
            results_.contenders.push_back(contender_name(c));
        }
        results_.notes.push_back(
            "bare is a flattened copy of the merged view on the same filesystem; for copy-up it "
            "is the copy floor (create, copy_file_range or sendfile, fsync, then the same write)");
        results_.notes.push_back("The lowers are shared by the contenders (read-only); each "
                                 "contender has its own upper and work directory.");
        if (std::ranges::find(contenders_, Contender::fuse_overlayfs) != contenders_.end())
            results_.notes.push_back("fuse-overlayfs keeps caches in its daemon that "
                                     "drop_caches does not empty: its cold rows are kernel-cold only.");
    }

    [[nodiscard]] Result<void> setup_scratch()
    {
        for (const std::string &dir : {tmpfs_dir(), ext4_dir()}) {
            if (auto made = make_dirs(dir); !made)
                return made;
        }
        auto tmpfs = MountGuard::mount("bench-tmpfs", tmpfs_dir(), "tmpfs", "size=85%,mode=0755");
        if (!tmpfs)
            return tmpfs.error();
        tmpfs_ = std::move(tmpfs).value();
        if (auto ext4 = setup_ext4(); !ext4)
            note("no ext4 rows (cold, ext4 upper): " + ext4.error().message);
        return {};
    }

    [[nodiscard]] Result<void> setup_ext4()
    {
        std::string dev = options_.ext4_dev;
        if (dev.empty()) {
            const std::string image = tmpfs_dir() + "/ext4.img";
            const UniqueFd fd(::open(image.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
            if (!fd.valid() || ::ftruncate(fd.get(), static_cast<off_t>(scale_.ext4_bytes)) < 0)
                return sys_error("make " + image);
            auto loop = LoopDevice::attach(image);
            if (!loop)
                return loop.error();
            loop_.emplace(std::move(loop).value());
            dev = loop_->path();
        }
        // Inode tables written now, not by a kernel thread during the rows.
        if (auto made = run_program({"mke2fs", "-q", "-F", "-t", "ext4", "-E",
                                     "lazy_itable_init=0,lazy_journal_init=0", dev});
            !made)
            return made;
        auto mounted = MountGuard::mount(dev, ext4_dir(), "ext4", "");
        if (!mounted)
            return mounted.error();
        ext4_ = std::move(mounted).value();
        have_ext4_ = true;
        results_.notes.push_back("Cold rows: lowers on ext4 on " +
                                 (options_.ext4_dev.empty() ? "a loop device over a file in tmpfs"
                                                            : options_.ext4_dev) +
                                 "; caches dropped before every batch.");
        return {};
    }

    [[nodiscard]] bool wanted(const Workload &w) const
    {
        if (!(options_.suite == "wall" ? w.in_wall : w.in_icount))
            return false;
        return options_.workloads.empty() ||
               std::ranges::find(options_.workloads, w.name) != options_.workloads.end();
    }

    [[nodiscard]] std::vector<Workload> workloads(const PlanOptions &plan, std::size_t image_entries) const
    {
        std::vector<Workload> all = read_workloads(plan, image_entries);
        for (const auto &more : {write_workloads(plan), memory_workloads(plan, image_entries)})
            all.insert(all.end(), more.begin(), more.end());
        std::erase_if(all, [&](const Workload &w) { return !wanted(w); });
        return all;
    }

    [[nodiscard]] Result<void> run_layers(unsigned layers)
    {
        PlanOptions plan = scale_.plan;
        plan.layers = layers;
        plan.seed = options_.seed;
        plan.slots = reps() + 1;
        const std::uint64_t start = now_ns();
        auto stack = Stack::build(plan, tmpfs_dir(), have_ext4_ ? ext4_dir() : "");
        if (!stack)
            return stack.error();
        progress(fmt::format("{} layers: trees built in {:.1f} s", layers,
                             static_cast<double>(now_ns() - start) / 1e9));
        for (const Workload &w : workloads(plan, stack.value().plan().image_entries)) {
            if (stack.value().has(w.backing))
                measure(stack.value(), w, layers);
        }
        return {};
    }

    [[nodiscard]] std::size_t reps() const { return options_.reps ? options_.reps : scale_.reps; }

    [[nodiscard]] std::string label(const Workload &w, unsigned layers) const
    {
        std::string text = fmt::format("{} layers, {}", layers, w.name);
        if (!w.variant.empty())
            text += " " + w.variant;
        if (!w.param_name.empty())
            text += fmt::format(" {}={}", w.param_name, w.param);
        return text + " " + w.cache + "/" + backing_name(w.backing);
    }

    void fail(Side &side, const Workload &w, unsigned layers, const std::string &why)
    {
        side.failed = true;
        note(fmt::format("{} on {}: {}", label(w, layers), contender_name(side.who), why));
    }

    [[nodiscard]] std::vector<Side> open_sides(Stack &stack, const Workload &w, unsigned layers)
    {
        std::vector<Side> sides;
        sides.reserve(contenders_.size()); // Targets point at the specs
        for (const Contender c : contenders_) {
            if (c == Contender::bare && !w.with_bare)
                continue;
            Side side{c, {}, {}, {}, {}, false};
            auto spec = stack.prepare(c, w.backing);
            if (!spec) {
                fail(side, w, layers, spec.error().message);
                continue;
            }
            side.spec = std::move(spec).value();
            if (w.premounted) {
                auto view = mount_view(side.spec);
                if (!view) {
                    fail(side, w, layers, view.error().message);
                    continue;
                }
                side.view = std::move(view).value();
                side.root.reset(::open(side.view.root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
                if (!side.root.valid()) {
                    fail(side, w, layers, "cannot open the merged root");
                    continue;
                }
            }
            sides.push_back(std::move(side));
        }
        return sides;
    }

    [[nodiscard]] Target target_of(const Side &side) const
    {
        return Target{side.who, side.view.root, side.spec.upper, side.root.get(), &side.spec};
    }

    // One batch; its value per operation, or nullopt (the side is then out).
    [[nodiscard]] std::optional<double> batch(Side &side, const Workload &w, unsigned layers,
                                              std::size_t slot)
    {
        if (w.cache == "cold") {
            if (auto dropped = drop_caches(); !dropped) {
                fail(side, w, layers, dropped.error().message);
                return std::nullopt;
            }
        }
        auto total = w.run(target_of(side), slot);
        if (!total) {
            fail(side, w, layers, total.error().message);
            return std::nullopt;
        }
        return total.value() / static_cast<double>(w.batch);
    }

    void close_sides(std::vector<Side> &sides, const Workload &w, unsigned layers)
    {
        for (Side &side : sides) {
            side.root.reset(); // an open root would keep the mount busy
            if (auto gone = side.view.guard.unmount(); !gone)
                fail(side, w, layers, gone.error().message);
            if (w.cleanup) {
                if (auto clean = w.cleanup(target_of(side)); !clean)
                    note("cleanup after " + label(w, layers) + ": " + clean.error().message);
            }
        }
    }

    [[nodiscard]] Figure figure_of(const Side &side, const Workload &w, unsigned layers) const
    {
        Figure f;
        f.workload = w.name;
        f.variant = w.variant;
        f.contender = contender_name(side.who);
        f.layers = layers;
        f.backing = backing_name(w.backing);
        f.cache = w.cache;
        f.clock = results_.clock;
        f.unit = w.unit;
        f.param_name = w.param_name;
        f.param = w.param;
        f.batch = w.batch;
        f.repetitions = side.samples.size();
        f.samples = side.samples;
        f.median = *median(side.samples);
        f.p90 = *p90(side.samples);
        f.kernel = results_.kernel;
        return f;
    }

    void measure(Stack &stack, const Workload &w, unsigned layers)
    {
        const std::uint64_t start = now_ns();
        std::vector<Side> sides = open_sides(stack, w, layers);
        for (Side &side : sides)
            (void)batch(side, w, layers, 0); // the warm-up: discarded
        // Rotating the order each repetition spreads drift over every contender.
        for (std::size_t rep = 1; rep <= reps(); rep++) {
            for (std::size_t k = 0; k < sides.size(); k++) {
                Side &side = sides[(k + rep) % sides.size()];
                if (side.failed)
                    continue;
                if (const auto value = batch(side, w, layers, rep))
                    side.samples.push_back(*value);
            }
        }
        close_sides(sides, w, layers);
        std::string line = label(w, layers) + ":";
        for (const Side &side : sides) {
            if (side.failed || side.samples.empty())
                continue;
            Figure f = figure_of(side, w, layers);
            line += fmt::format(" {} {}", f.contender, format_value(f.median, f.unit));
            results_.figures.push_back(std::move(f));
        }
        progress(line + fmt::format(" ({:.1f} s)", static_cast<double>(now_ns() - start) / 1e9));
    }
};

} // namespace

Result<ResultSet> run_bench(const RunOptions &options)
{
    Runner runner(options, scale_for(options.suite, options.quick));
    return runner.run();
}

} // namespace strata::bench
