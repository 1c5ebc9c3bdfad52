// SPDX-License-Identifier: GPL-2.0-only
#include "generator.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "namespace_model.h"
#include "path_rules.h"
#include "rng.h"

namespace strata::difftest {
namespace {

// A tiny alphabet, so that names collide across layers and with the names
// ops create: most lookups then cross several layers.
const std::vector<std::string> layer_names = {"a", "b", "c", "d", "e", "f"};
// Names for the objects ops make: half of them layers have too (creating
// them often collides), half no layer has.
const std::vector<std::string> fresh_names = {"a", "b", "c", "x", "y", "z"};
const std::vector<std::string> xattr_names = {"user.a", "user.b", "user.c"};

constexpr std::uint32_t dir_modes[] = {0755, 0755, 0755, 0700, 0777, 01777, 02755, 0555};
constexpr std::uint32_t file_modes[] = {0644, 0644, 0644, 0600, 0755, 0444, 0666, 04755, 02644, 0};
constexpr std::uint32_t ids[] = {0, 0, 1000, 1001, 65534};
constexpr std::size_t max_depth = 3;      // components of a layer path
constexpr std::size_t max_op_depth = 4;   // components of a path an op names

struct Weighted {
    int weight;
    int value;
};

[[nodiscard]] int pick_weighted(Rng &rng, const std::vector<Weighted> &choices)
{
    int total = 0;
    for (const Weighted &c : choices)
        total += c.weight;
    auto roll = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    for (const Weighted &c : choices) {
        if (roll < c.weight)
            return c.value;
        roll -= c.weight;
    }
    return choices.back().value;
}

class CaseGenerator {
public:
    CaseGenerator(std::uint64_t seed, const GeneratorOptions &options)
        : seed_(seed), rng_(seed), options_(options)
    {
    }

    [[nodiscard]] TestCase generate()
    {
        TestCase test_case;
        test_case.seed = seed_;
        const auto lowers = rng_.between(1, std::max<std::size_t>(options_.max_lowers, 1));
        for (std::uint64_t i = 0; i < lowers; i++)
            test_case.layers.push_back(layer());
        NamespaceModel model(test_case.layers);
        for (std::size_t i = 0; i < options_.ops; i++) {
            test_case.ops.push_back(op(model));
            model.apply(test_case.ops.back());
        }
        return test_case;
    }

private:
    std::uint64_t seed_;
    Rng rng_;
    GeneratorOptions options_;
    const NamespaceModel *model_ = nullptr; // while ops are made
    std::vector<unsigned> held_;            // slots a hold filled and no release emptied
    std::vector<std::pair<std::string, std::string>> xattrs_set_; // path and name, to remove

    template <typename Container>
    [[nodiscard]] std::string pick_key(const Container &items)
    {
        auto it = items.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(rng_.below(items.size())));
        if constexpr (std::is_same_v<typename Container::value_type, std::string>)
            return *it;
        else
            return it->first;
    }

    [[nodiscard]] std::uint32_t owner_id()
    {
        const bool other = !rng_.percent(70);
        return other && !options_.single_owner ? rng_.pick(ids) : 0;
    }

    [[nodiscard]] XattrList xattrs()
    {
        XattrList list;
        if (!options_.user_xattrs || !rng_.percent(20))
            return list;
        for (const std::string &name : xattr_names) {
            if (rng_.percent(50))
                list.emplace_back(name, xattr_value());
        }
        return list;
    }

    [[nodiscard]] std::string xattr_value()
    {
        if (rng_.percent(10))
            return std::string(rng_.between(100, 300), 'x');
        return "v" + std::to_string(rng_.below(1000));
    }

    // Downward only, or under the dangling root: see path_rules.h.
    [[nodiscard]] std::string symlink_target()
    {
        std::string target = rng_.pick(layer_names);
        if (rng_.percent(35))
            target = join_path(target, rng_.pick(layer_names));
        if (rng_.percent(15))
            return std::string(dangling_root) + "/" + target;
        return target;
    }

    [[nodiscard]] std::uint64_t file_size()
    {
        switch (rng_.below(10)) {
        case 0: return 0;
        case 1: case 2: case 3: return rng_.between(1, 100);
        case 4: case 5: case 6: return rng_.between(100, 4096);
        case 7: case 8: return rng_.between(4096, 64 << 10);
        default: return rng_.between(64 << 10, 300 << 10);
        }
    }

    [[nodiscard]] Layer layer()
    {
        Layer layer;
        fill_dir(layer, "", 0);
        for (const Entry &entry : layer) {
            for (const auto &xattr : entry.xattrs)
                xattrs_set_.emplace_back(entry.path, xattr.first);
        }
        return layer;
    }

    void fill_dir(Layer &layer, const std::string &dir, std::size_t depth)
    {
        std::vector<std::string> names = layer_names;
        const auto count = depth == 0 ? rng_.between(1, 5) : rng_.between(0, 3);
        for (std::uint64_t i = 0; i < count; i++) {
            // A partial shuffle: each name at most once per directory.
            const auto j = i + rng_.below(names.size() - i);
            std::swap(names[i], names[j]);
            add_entry(layer, join_path(dir, names[i]), depth);
        }
    }

    void add_entry(Layer &layer, const std::string &path, std::size_t depth)
    {
        enum { dir, file, symlink, hardlink, fifo, whiteout };
        const bool has_file = std::ranges::any_of(
            layer, [](const Entry &e) { return e.kind == EntryKind::file; });
        const int kind = pick_weighted(rng_, {{depth + 1 < max_depth ? 30 : 0, dir},
                                              {35, file},
                                              {8, symlink},
                                              {has_file ? (options_.hardlinks ? 30 : 5) : 0, hardlink},
                                              {4, fifo},
                                              {18, whiteout}});
        Entry entry;
        entry.path = path;
        entry.uid = owner_id();
        entry.gid = owner_id();
        switch (kind) {
        case dir:
            entry.kind = EntryKind::dir;
            entry.mode = rng_.pick(dir_modes);
            entry.opaque = rng_.percent(15);
            entry.xattrs = xattrs();
            layer.push_back(std::move(entry));
            fill_dir(layer, path, depth + 1);
            return;
        case file:
            entry.kind = EntryKind::file;
            entry.mode = rng_.pick(file_modes);
            entry.size = file_size();
            entry.fill = rng_.below(1 << 20);
            entry.sparse = entry.size > 16384 && rng_.percent(40);
            entry.xattrs = xattrs();
            break;
        case symlink:
            entry.kind = EntryKind::symlink;
            entry.target = symlink_target();
            break;
        case hardlink: {
            std::vector<std::string> files;
            for (const Entry &e : layer) {
                if (e.kind == EntryKind::file)
                    files.push_back(e.path);
            }
            entry = Entry{};
            entry.kind = EntryKind::hardlink;
            entry.path = path;
            entry.target = rng_.pick(files);
            break;
        }
        case fifo:
            entry.kind = EntryKind::fifo;
            entry.mode = rng_.pick(file_modes);
            break;
        default:
            entry = Entry{};
            entry.kind = EntryKind::whiteout;
            entry.path = path;
            break;
        }
        layer.push_back(std::move(entry));
    }

    // Mostly a name the union shows, sometimes one it hides (whiteouts,
    // opaque dirs and files hide names), sometimes one nothing has.
    [[nodiscard]] std::string any_path()
    {
        const auto roll = rng_.below(100);
        if (roll < 70 && !model_->visible().empty())
            return pick_key(model_->visible());
        if (roll < 85 && !model_->hidden().empty())
            return pick_key(model_->hidden());
        return new_path();
    }

    // With the given chance a visible object of that kind, if there is one.
    [[nodiscard]] std::string path_of(NodeKind kind, unsigned chance)
    {
        const auto paths = model_->paths_of(kind);
        if (!paths.empty() && rng_.percent(chance))
            return rng_.pick(paths);
        return any_path();
    }

    // A name in a directory the union shows (or the root), often a fresh
    // one; it may exist after all.
    [[nodiscard]] std::string new_path()
    {
        const auto dirs = model_->paths_of(NodeKind::dir);
        for (;;) {
            const std::string dir = dirs.empty() || rng_.percent(40) ? "." : rng_.pick(dirs);
            std::string path = join_path(dir, rng_.pick(fresh_names));
            if (path_depth(path) <= max_op_depth)
                return path;
        }
    }

    [[nodiscard]] std::int64_t timestamp()
    {
        const auto sec = static_cast<std::int64_t>(rng_.between(1000000000, 1900000000));
        return sec * 1000000000 + static_cast<std::int64_t>(rng_.below(1000000000));
    }

    [[nodiscard]] std::uint64_t write_offset()
    {
        switch (rng_.below(10)) {
        case 0: case 1: case 2: case 3: return 0;
        case 4: case 5: case 6: return rng_.below(8192);
        case 7: case 8: return rng_.below(300 << 10);
        default: return rng_.below(600 << 10);
        }
    }

    [[nodiscard]] std::uint64_t write_length()
    {
        switch (rng_.below(20)) {
        case 0: return 0;
        case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: case 10:
            return rng_.between(1, 512);
        case 11: case 12: case 13: case 14: case 15: case 16: case 17:
            return rng_.between(512, 16 << 10);
        default: return rng_.between(16 << 10, 64 << 10);
        }
    }

    [[nodiscard]] std::uint64_t truncate_length()
    {
        switch (rng_.below(10)) {
        case 0: case 1: case 2: return 0;
        case 3: case 4: case 5: case 6: return rng_.below(8192);
        default: return rng_.below(400 << 10);
        }
    }

    [[nodiscard]] Op op(const NamespaceModel &model)
    {
        model_ = &model;
        const bool x = options_.user_xattrs;
        const auto kind = static_cast<OpKind>(pick_weighted(
            rng_, {{8, static_cast<int>(OpKind::create)},
                   {14, static_cast<int>(OpKind::write)},
                   {6, static_cast<int>(OpKind::truncate)},
                   {6, static_cast<int>(OpKind::mkdir)},
                   {4, static_cast<int>(OpKind::rmdir)},
                   {6, static_cast<int>(OpKind::unlink)},
                   {8, static_cast<int>(OpKind::rename)},
                   {options_.hardlinks ? 20 : 4, static_cast<int>(OpKind::link)},
                   {4, static_cast<int>(OpKind::symlink)},
                   {x ? 5 : 0, static_cast<int>(OpKind::setxattr)},
                   {x ? 3 : 0, static_cast<int>(OpKind::removexattr)},
                   {6, static_cast<int>(OpKind::chmod)},
                   {5, static_cast<int>(OpKind::chown)},
                   {5, static_cast<int>(OpKind::utimes)},
                   {2, static_cast<int>(OpKind::mknod)},
                   {3, static_cast<int>(OpKind::readlink)},
                   {4, static_cast<int>(OpKind::hold)},
                   {5, static_cast<int>(OpKind::read_held)},
                   {2, static_cast<int>(OpKind::release)}}));
        Op op;
        // Reading or closing a slot before any hold only tests EBADF.
        const bool slot_op = kind == OpKind::read_held || kind == OpKind::release;
        op.kind = slot_op && held_.empty() && rng_.percent(90) ? OpKind::hold : kind;
        fill_op(op);
        return op;
    }

    void fill_op(Op &op)
    {
        switch (op.kind) {
        case OpKind::create:
        case OpKind::mknod:
            op.path = rng_.percent(80) ? new_path() : any_path();
            op.mode = rng_.pick(file_modes);
            break;
        case OpKind::mkdir:
            op.path = rng_.percent(80) ? new_path() : any_path();
            op.mode = rng_.pick(dir_modes);
            break;
        case OpKind::write:
            op.path = path_of(NodeKind::file, 75);
            op.offset = write_offset();
            op.length = write_length();
            op.fill = rng_.below(1 << 20);
            op.open_how = static_cast<OpenHow>(
                pick_weighted(rng_, {{70, static_cast<int>(OpenHow::plain)},
                                     {15, static_cast<int>(OpenHow::trunc)},
                                     {15, static_cast<int>(OpenHow::append)}}));
            break;
        case OpKind::truncate:
            op.path = path_of(NodeKind::file, 75);
            op.length = truncate_length();
            break;
        case OpKind::rmdir: op.path = path_of(NodeKind::dir, 70); break;
        case OpKind::unlink: op.path = path_of(NodeKind::file, 50); break;
        case OpKind::readlink: op.path = path_of(NodeKind::symlink, 70); break;
        case OpKind::rename:
            op.path = any_path();
            op.path2 = rng_.percent(50) ? new_path() : any_path();
            op.rename_how = static_cast<RenameHow>(
                pick_weighted(rng_, {{60, static_cast<int>(RenameHow::none)},
                                     {20, static_cast<int>(RenameHow::noreplace)},
                                     {20, static_cast<int>(RenameHow::exchange)}}));
            break;
        case OpKind::link:
            op.path = path_of(NodeKind::file, 70);
            op.path2 = new_path();
            break;
        case OpKind::symlink:
            op.target = symlink_target();
            op.path = new_path();
            break;
        case OpKind::setxattr:
            op.path = any_path();
            op.xname = rng_.pick(xattr_names);
            op.xvalue = xattr_value();
            op.nofollow = rng_.percent(30);
            xattrs_set_.emplace_back(op.path, op.xname);
            break;
        case OpKind::removexattr:
            if (!xattrs_set_.empty() && rng_.percent(60)) {
                std::tie(op.path, op.xname) = rng_.pick(xattrs_set_);
            } else {
                op.path = any_path();
                op.xname = rng_.pick(xattr_names);
            }
            op.nofollow = rng_.percent(30);
            break;
        case OpKind::chmod:
            op.path = any_path();
            op.mode = rng_.percent(50) ? rng_.pick(file_modes) : rng_.pick(dir_modes);
            break;
        case OpKind::chown:
            op.path = any_path();
            op.uid = rng_.pick(ids);
            op.gid = rng_.pick(ids);
            op.nofollow = rng_.percent(30);
            break;
        case OpKind::utimes:
            op.path = any_path();
            op.atime_ns = timestamp();
            op.mtime_ns = timestamp();
            op.nofollow = rng_.percent(30);
            break;
        case OpKind::hold:
            op.slot = static_cast<unsigned>(rng_.below(held_slots));
            op.path = path_of(NodeKind::file, 75);
            if (std::ranges::find(held_, op.slot) == held_.end())
                held_.push_back(op.slot);
            break;
        case OpKind::read_held:
        case OpKind::release:
            op.slot = !held_.empty() && rng_.percent(90)
                          ? rng_.pick(held_)
                          : static_cast<unsigned>(rng_.below(held_slots));
            if (op.kind == OpKind::release)
                std::erase(held_, op.slot);
            break;
        }
    }
};

} // namespace

TestCase generate_case(std::uint64_t seed, const GeneratorOptions &options)
{
    return CaseGenerator(seed, options).generate();
}

} // namespace strata::difftest
