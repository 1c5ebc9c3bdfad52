// SPDX-License-Identifier: GPL-2.0-only
#include "shrinker.h"

#include <utility>
#include <vector>

#include "ddmin.h"

namespace strata::difftest {
namespace {

constexpr std::size_t max_rounds = 4;

// Each makes one thing about an entry plainer; the shrinker keeps each
// change after which the case still fails.
using EntryChange = void (*)(Entry &);

constexpr EntryChange plainer_changes[] = {
    [](Entry &e) { e.xattrs.clear(); },
    [](Entry &e) { e.opaque = false; },
    [](Entry &e) { e.uid = e.gid = 0; },
    [](Entry &e) { e.sparse = false; },
    [](Entry &e) { e.size = 0; },
    [](Entry &e) { e.size = e.size > 16 ? 16 : e.size; },
    [](Entry &e) { e.fill = 0; },
    [](Entry &e) {
        if (e.kind == EntryKind::dir)
            e.mode = 0755;
        else if (e.kind == EntryKind::file || e.kind == EntryKind::fifo)
            e.mode = 0644;
    },
};

class Shrinker {
public:
    explicit Shrinker(const CasePredicate &still_fails) : still_fails_(still_fails) {}

    [[nodiscard]] ShrinkResult run(TestCase current)
    {
        for (std::size_t round = 0; round < max_rounds; round++) {
            const TestCase before = current;
            shrink_ops(current);
            shrink_layers(current);
            for (std::size_t i = 0; i < current.layers.size(); i++)
                shrink_entries(current, i);
            for (std::size_t i = 0; i < current.layers.size(); i++)
                simplify_entries(current, i);
            if (current == before)
                break;
        }
        return ShrinkResult{std::move(current), replays_};
    }

private:
    const CasePredicate &still_fails_;
    std::size_t replays_ = 0;

    [[nodiscard]] bool fails(const TestCase &candidate)
    {
        replays_++;
        return still_fails_(candidate);
    }

    void shrink_ops(TestCase &current)
    {
        current.ops = ddmin(current.ops, [&](const std::vector<Op> &ops) {
            TestCase candidate = current;
            candidate.ops = ops;
            return fails(candidate);
        });
    }

    void shrink_layers(TestCase &current)
    {
        current.layers = ddmin(
            current.layers,
            [&](const std::vector<Layer> &layers) {
                TestCase candidate = current;
                candidate.layers = layers;
                return fails(candidate);
            },
            1);
    }

    void shrink_entries(TestCase &current, std::size_t layer)
    {
        current.layers[layer] = ddmin(current.layers[layer], [&](const Layer &entries) {
            TestCase candidate = current;
            candidate.layers[layer] = entries;
            return fails(candidate);
        });
    }

    void simplify_entries(TestCase &current, std::size_t layer)
    {
        for (std::size_t i = 0; i < current.layers[layer].size(); i++) {
            for (const EntryChange change : plainer_changes) {
                TestCase candidate = current;
                change(candidate.layers[layer][i]);
                if (!(candidate == current) && fails(candidate))
                    current = std::move(candidate);
            }
        }
    }
};

} // namespace

ShrinkResult shrink_case(TestCase failing, const CasePredicate &still_fails)
{
    return Shrinker(still_fails).run(std::move(failing));
}

} // namespace strata::difftest
