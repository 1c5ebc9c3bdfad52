// SPDX-License-Identifier: GPL-2.0-only
#include "case_format.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "numbers.h"
#include "path_rules.h"

namespace strata::difftest {
namespace {

// Bounds that keep a hand-edited case from filling the scratch filesystem.
constexpr std::uint64_t max_file_size = 64ULL << 20;
constexpr std::uint64_t max_offset = 1ULL << 30;
constexpr std::uint64_t max_write = 1ULL << 20;
constexpr std::size_t max_layers = 500;
constexpr std::size_t max_xattr_value = 4096;
constexpr std::int64_t ns_per_sec = 1000000000;
constexpr std::string_view case_magic_word = "strata-difftest-case";

// ---- tokens and values ----------------------------------------------------

[[nodiscard]] std::vector<std::string_view> split_tokens(std::string_view line)
{
    std::vector<std::string_view> tokens;
    for (;;) {
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos)
            return tokens;
        line.remove_prefix(start);
        const auto end = line.find_first_of(" \t");
        tokens.push_back(line.substr(0, end));
        if (end == std::string_view::npos)
            return tokens;
        line.remove_prefix(end);
    }
}

[[nodiscard]] std::optional<std::uint32_t> parse_mode(std::string_view text)
{
    const auto mode = parse_u64(text, 8);
    if (!mode || *mode > 07777)
        return std::nullopt;
    return static_cast<std::uint32_t>(*mode);
}

[[nodiscard]] bool parse_owner(std::string_view text, std::uint32_t &uid, std::uint32_t &gid)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return false;
    const auto u = parse_u64(text.substr(0, colon));
    const auto g = parse_u64(text.substr(colon + 1));
    if (!u || !g || *u > UINT32_MAX - 1 || *g > UINT32_MAX - 1)
        return false;
    uid = static_cast<std::uint32_t>(*u);
    gid = static_cast<std::uint32_t>(*g);
    return true;
}

// "SEC.NNNNNNNNN", the form touch -d @SEC.NNNNNNNNN takes.
[[nodiscard]] std::optional<std::int64_t> parse_time(std::string_view text)
{
    const auto dot = text.find('.');
    if (dot == std::string_view::npos || text.size() - dot - 1 != 9)
        return std::nullopt;
    const auto sec = parse_u64(text.substr(0, dot));
    const auto nsec = parse_u64(text.substr(dot + 1));
    if (!sec || !nsec || *sec > static_cast<std::uint64_t>(INT64_MAX / ns_per_sec) - 1)
        return std::nullopt;
    return static_cast<std::int64_t>(*sec) * ns_per_sec + static_cast<std::int64_t>(*nsec);
}

[[nodiscard]] bool is_xattr_name(std::string_view name)
{
    return name.starts_with("user.") && name.size() > 5 && name.size() <= 255 &&
           is_safe_relative_path(name);
}

[[nodiscard]] bool is_xattr_value(std::string_view value)
{
    return !value.empty() && value.size() <= max_xattr_value && is_plain_token(value);
}

template <typename E, std::size_t N>
[[nodiscard]] std::optional<E> enum_from_name(const std::pair<E, std::string_view> (&names)[N],
                                              std::string_view name)
{
    const auto *it = std::ranges::find(names, name, &std::pair<E, std::string_view>::second);
    if (it == std::end(names))
        return std::nullopt;
    return it->first;
}

template <typename E, std::size_t N>
[[nodiscard]] std::string_view enum_name(const std::pair<E, std::string_view> (&names)[N], E value)
{
    return std::ranges::find(names, value, &std::pair<E, std::string_view>::first)->second;
}

constexpr std::pair<OpenHow, std::string_view> open_how_names[] = {
    {OpenHow::plain, "plain"}, {OpenHow::trunc, "trunc"}, {OpenHow::append, "append"}};
constexpr std::pair<RenameHow, std::string_view> rename_how_names[] = {
    {RenameHow::none, "none"},
    {RenameHow::noreplace, "noreplace"},
    {RenameHow::exchange, "exchange"}};
constexpr std::pair<bool, std::string_view> follow_names[] = {{false, "follow"},
                                                              {true, "nofollow"}};

// ---- ops: one table says which fields each op has, in which order ------------

enum class Field : unsigned char {
    none, path, path2, target, mode, owner, offset, length, fill,
    open_how, rename_how, xname, xvalue, follow, atime, mtime, slot,
};

struct OpSyntax {
    OpKind kind;
    std::array<Field, 5> fields; // Field::none pads
};

constexpr OpSyntax op_syntax[] = {
    {OpKind::create, {Field::path, Field::mode}},
    {OpKind::write, {Field::path, Field::offset, Field::length, Field::fill, Field::open_how}},
    {OpKind::truncate, {Field::path, Field::length}},
    {OpKind::mkdir, {Field::path, Field::mode}},
    {OpKind::rmdir, {Field::path}},
    {OpKind::unlink, {Field::path}},
    {OpKind::rename, {Field::path, Field::path2, Field::rename_how}},
    {OpKind::link, {Field::path, Field::path2}},
    {OpKind::symlink, {Field::target, Field::path}},
    {OpKind::setxattr, {Field::path, Field::xname, Field::xvalue, Field::follow}},
    {OpKind::removexattr, {Field::path, Field::xname, Field::follow}},
    {OpKind::chmod, {Field::path, Field::mode}},
    {OpKind::chown, {Field::path, Field::owner, Field::follow}},
    {OpKind::utimes, {Field::path, Field::atime, Field::mtime, Field::follow}},
    {OpKind::mknod, {Field::path, Field::mode}},
    {OpKind::readlink, {Field::path}},
    {OpKind::hold, {Field::slot, Field::path}},
    {OpKind::read_held, {Field::slot}},
    {OpKind::release, {Field::slot}},
};

[[nodiscard]] const OpSyntax &syntax_of(OpKind kind)
{
    return *std::ranges::find(op_syntax, kind, &OpSyntax::kind);
}

[[nodiscard]] std::string format_field(const Op &op, Field field)
{
    switch (field) {
    case Field::path: return op.path;
    case Field::path2: return op.path2;
    case Field::target: return op.target;
    case Field::mode: return format_mode(op.mode);
    case Field::owner: return format_owner(op.uid, op.gid);
    case Field::offset: return std::to_string(op.offset);
    case Field::length: return std::to_string(op.length);
    case Field::fill: return std::to_string(op.fill);
    case Field::open_how: return std::string(enum_name(open_how_names, op.open_how));
    case Field::rename_how: return std::string(enum_name(rename_how_names, op.rename_how));
    case Field::xname: return op.xname;
    case Field::xvalue: return op.xvalue;
    case Field::follow: return std::string(enum_name(follow_names, op.nofollow));
    case Field::atime: return format_time(op.atime_ns);
    case Field::mtime: return format_time(op.mtime_ns);
    case Field::slot: return std::to_string(op.slot);
    case Field::none: break;
    }
    return {};
}

// Sets one field from its token; returns what is wrong with it, or "".
[[nodiscard]] std::string parse_field(Op &op, Field field, std::string_view token)
{
    const auto number = [&](std::uint64_t &out, std::uint64_t max, const char *what) {
        const auto value = parse_u64(token);
        if (!value || *value > max)
            return std::string("bad ") + what + " '" + std::string(token) + "'";
        out = *value;
        return std::string();
    };
    const auto path = [&](std::string &out) {
        if (!is_safe_relative_path(token))
            return "bad path '" + std::string(token) + "' (relative, no '.' or '..')";
        out = token;
        return std::string();
    };
    const auto named = [&](auto &out, const auto &names, const char *what) {
        const auto value = enum_from_name(names, token);
        if (!value)
            return std::string("bad ") + what + " '" + std::string(token) + "'";
        out = *value;
        return std::string();
    };
    const auto time = [&](std::int64_t &out) {
        const auto value = parse_time(token);
        if (!value)
            return "bad time '" + std::string(token) + "' (SEC.NNNNNNNNN)";
        out = *value;
        return std::string();
    };
    switch (field) {
    case Field::path: return path(op.path);
    case Field::path2: return path(op.path2);
    case Field::target:
        if (!is_safe_symlink_target(token))
            return "bad symlink target '" + std::string(token) + "' (downward, or under " +
                   std::string(dangling_root) + "/)";
        op.target = token;
        return {};
    case Field::mode: {
        const auto mode = parse_mode(token);
        if (!mode)
            return "bad mode '" + std::string(token) + "' (octal, at most 07777)";
        op.mode = *mode;
        return {};
    }
    case Field::owner:
        return parse_owner(token, op.uid, op.gid) ? std::string()
                                                  : "bad owner '" + std::string(token) + "'";
    case Field::offset: return number(op.offset, max_offset, "offset");
    case Field::length:
        return number(op.length, op.kind == OpKind::write ? max_write : max_offset, "length");
    case Field::fill: return number(op.fill, UINT64_MAX, "fill");
    case Field::open_how: return named(op.open_how, open_how_names, "open mode");
    case Field::rename_how: return named(op.rename_how, rename_how_names, "rename flag");
    case Field::xname:
        if (!is_xattr_name(token))
            return "bad xattr name '" + std::string(token) + "' (user.*)";
        op.xname = token;
        return {};
    case Field::xvalue:
        if (!is_xattr_value(token))
            return "bad xattr value '" + std::string(token) + "'";
        op.xvalue = token;
        return {};
    case Field::follow: return named(op.nofollow, follow_names, "follow flag");
    case Field::atime: return time(op.atime_ns);
    case Field::mtime: return time(op.mtime_ns);
    case Field::slot: {
        std::uint64_t slot = 0;
        std::string err = number(slot, held_slots - 1, "slot");
        op.slot = static_cast<unsigned>(slot);
        return err;
    }
    case Field::none: break;
    }
    return {};
}

// ---- entries: which keys each kind takes ----------------------------------

enum Key : unsigned {
    key_mode = 1 << 0,
    key_owner = 1 << 1,
    key_size = 1 << 2,
    key_fill = 1 << 3,
    key_sparse = 1 << 4,
    key_target = 1 << 5,
    key_opaque = 1 << 6,
    key_xattr = 1 << 7,
};

struct EntrySyntax {
    EntryKind kind;
    std::string_view name;
    unsigned keys;
    std::uint32_t default_mode;
};

constexpr EntrySyntax entry_syntax[] = {
    {EntryKind::dir, "dir", key_mode | key_owner | key_opaque | key_xattr, 0755},
    {EntryKind::file, "file",
     key_mode | key_owner | key_size | key_fill | key_sparse | key_xattr, 0644},
    {EntryKind::symlink, "symlink", key_owner | key_target, 0},
    {EntryKind::hardlink, "hardlink", key_target, 0},
    {EntryKind::fifo, "fifo", key_mode | key_owner, 0644},
    {EntryKind::whiteout, "whiteout", 0, 0},
};

constexpr std::pair<Key, std::string_view> key_names[] = {
    {key_mode, "mode"},     {key_owner, "owner"},   {key_size, "size"},
    {key_fill, "fill"},     {key_sparse, "sparse"}, {key_target, "target"},
    {key_opaque, "opaque"}, {key_xattr, "xattr"},
};

[[nodiscard]] const EntrySyntax &syntax_of(EntryKind kind)
{
    return *std::ranges::find(entry_syntax, kind, &EntrySyntax::kind);
}

// Sets one key of an entry; returns what is wrong, or "".
[[nodiscard]] std::string parse_key(Entry &entry, Key key, std::string_view value)
{
    const auto bad = [&](const char *what) {
        return std::string("bad ") + what + " '" + std::string(value) + "'";
    };
    switch (key) {
    case key_mode: {
        const auto mode = parse_mode(value);
        if (!mode)
            return bad("mode");
        entry.mode = *mode;
        return {};
    }
    case key_owner: return parse_owner(value, entry.uid, entry.gid) ? std::string() : bad("owner");
    case key_size: {
        const auto size = parse_u64(value);
        if (!size || *size > max_file_size)
            return bad("size");
        entry.size = *size;
        return {};
    }
    case key_fill: {
        const auto fill = parse_u64(value);
        if (!fill)
            return bad("fill");
        entry.fill = *fill;
        return {};
    }
    case key_sparse:
    case key_opaque:
        if (value != "1")
            return bad("flag (only =1)");
        (key == key_sparse ? entry.sparse : entry.opaque) = true;
        return {};
    case key_target: {
        const bool ok = entry.kind == EntryKind::symlink ? is_safe_symlink_target(value)
                                                          : is_safe_relative_path(value);
        if (!ok)
            return bad("target");
        entry.target = value;
        return {};
    }
    case key_xattr: {
        const auto eq = value.find('=');
        const std::string_view name = value.substr(0, eq);
        if (eq == std::string_view::npos || !is_xattr_name(name) ||
            !is_xattr_value(value.substr(eq + 1)))
            return bad("xattr (user.NAME=VALUE)");
        entry.xattrs.emplace_back(name, value.substr(eq + 1));
        return {};
    }
    }
    return {};
}

// What is wrong with adding entry to the layer, or "": a duplicate path, a
// path below a non-directory, a hard link to no earlier file.
[[nodiscard]] std::string entry_problem(const Layer &layer, const Entry &entry)
{
    const auto find = [&](std::string_view path) {
        return std::ranges::find(layer, path, &Entry::path);
    };
    if (find(entry.path) != layer.end())
        return "duplicate path '" + entry.path + "'";
    for (std::string up = parent_path(entry.path); up != "."; up = parent_path(up)) {
        if (const auto it = find(up); it != layer.end() && it->kind != EntryKind::dir)
            return "'" + entry.path + "' is below non-directory '" + up + "'";
    }
    if (entry.kind == EntryKind::hardlink) {
        const auto target = find(entry.target);
        if (target == layer.end() || target->kind != EntryKind::file)
            return "hard link '" + entry.path + "' needs an earlier file '" + entry.target + "'";
    }
    return {};
}

[[nodiscard]] Error line_error(std::size_t line_no, const std::string &message)
{
    return usage_error("line " + std::to_string(line_no) + ": " + message);
}

} // namespace

std::string format_op(const Op &op)
{
    std::string line(op_kind_name(op.kind));
    for (const Field field : syntax_of(op.kind).fields) {
        if (field == Field::none)
            break;
        line += ' ';
        line += format_field(op, field);
    }
    return line;
}

Result<Op> parse_op(std::string_view line)
{
    const auto tokens = split_tokens(line);
    if (tokens.empty())
        return usage_error("empty op line");
    const auto kind = op_kind_from_name(tokens[0]);
    if (!kind)
        return usage_error("unknown op '" + std::string(tokens[0]) + "'");
    Op op;
    op.kind = *kind;
    const auto &fields = syntax_of(*kind).fields;
    const auto count = static_cast<std::size_t>(
        std::ranges::find(fields, Field::none) - fields.begin());
    if (tokens.size() - 1 != count)
        return usage_error(std::string(tokens[0]) + " takes " + std::to_string(count) +
                           " fields, got " + std::to_string(tokens.size() - 1));
    for (std::size_t i = 0; i < count; i++) {
        if (std::string problem = parse_field(op, fields[i], tokens[i + 1]); !problem.empty())
            return usage_error(std::string(tokens[0]) + ": " + problem);
    }
    return op;
}

std::string format_entry(const Entry &entry)
{
    const EntrySyntax &syntax = syntax_of(entry.kind);
    std::string line = std::string(syntax.name) + " " + entry.path;
    const auto add = [&](Key key, const std::string &value) {
        if (syntax.keys & key)
            line += " " + std::string(enum_name(key_names, key)) + "=" + value;
    };
    add(key_mode, format_mode(entry.mode));
    add(key_owner, format_owner(entry.uid, entry.gid));
    add(key_size, std::to_string(entry.size));
    add(key_fill, std::to_string(entry.fill));
    if (entry.sparse)
        add(key_sparse, "1");
    add(key_target, entry.target);
    if (entry.opaque)
        add(key_opaque, "1");
    for (const auto &[name, value] : entry.xattrs)
        add(key_xattr, name + "=" + value);
    return line;
}

Result<Entry> parse_entry(std::string_view line)
{
    const auto tokens = split_tokens(line);
    const auto *syntax = tokens.empty()
                             ? std::end(entry_syntax)
                             : std::ranges::find(entry_syntax, tokens[0], &EntrySyntax::name);
    if (syntax == std::end(entry_syntax))
        return usage_error("unknown entry kind '" +
                           std::string(tokens.empty() ? "" : tokens[0]) + "'");
    if (tokens.size() < 2 || !is_safe_relative_path(tokens[1]))
        return usage_error(std::string(syntax->name) + " needs a relative path");
    Entry entry;
    entry.kind = syntax->kind;
    entry.path = tokens[1];
    entry.mode = syntax->default_mode;
    unsigned seen = 0;
    for (std::size_t i = 2; i < tokens.size(); i++) {
        const auto eq = tokens[i].find('=');
        const auto key = enum_from_name(key_names, tokens[i].substr(0, eq));
        if (eq == std::string_view::npos || !key || !(syntax->keys & *key))
            return usage_error(std::string(syntax->name) + " takes no '" +
                               std::string(tokens[i]) + "'");
        if ((seen & *key) && *key != key_xattr)
            return usage_error("'" + std::string(tokens[i].substr(0, eq)) + "' given twice");
        seen |= *key;
        if (std::string problem = parse_key(entry, *key, tokens[i].substr(eq + 1));
            !problem.empty())
            return usage_error(problem);
    }
    if ((syntax->keys & key_target) && entry.target.empty())
        return usage_error(std::string(syntax->name) + " needs target=");
    return entry;
}

std::string format_case(const TestCase &test_case)
{
    std::string text(case_magic);
    text += "\nseed " + format_seed(test_case.seed) + "\n";
    for (std::size_t i = 0; i < test_case.layers.size(); i++) {
        text += "layer # L" + std::to_string(i + 1) + "\n";
        for (const Entry &entry : test_case.layers[i])
            text += format_entry(entry) + "\n";
    }
    text += "ops\n";
    for (const Op &op : test_case.ops)
        text += format_op(op) + "\n";
    text += "end\n";
    return text;
}

Result<TestCase> parse_case(std::string_view text)
{
    enum class Section { header, layers, ops, done } section = Section::header;
    TestCase test_case;
    std::size_t line_no = 0;
    bool magic_seen = false;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        line_no++;
        if (const auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        const auto tokens = split_tokens(line);
        if (tokens.empty())
            continue;
        if (!magic_seen) {
            if (tokens.size() != 2 || tokens[0] != case_magic_word || tokens[1] != "1")
                return line_error(line_no, "not a strata-difftest case (want '" +
                                               std::string(case_magic) + "')");
            magic_seen = true;
            continue;
        }
        if (section == Section::done)
            return line_error(line_no, "text after 'end'");
        if (tokens[0] == "seed" && section == Section::header) {
            const auto seed = tokens.size() == 2 ? parse_seed(tokens[1]) : std::nullopt;
            if (!seed)
                return line_error(line_no, "bad seed");
            test_case.seed = *seed;
        } else if (tokens[0] == "layer" && tokens.size() == 1 && section != Section::ops) {
            if (test_case.layers.size() == max_layers)
                return line_error(line_no, "more than " + std::to_string(max_layers) + " layers");
            test_case.layers.emplace_back();
            section = Section::layers;
        } else if (tokens[0] == "ops" && tokens.size() == 1 && section == Section::layers) {
            section = Section::ops;
        } else if (tokens[0] == "end" && tokens.size() == 1 && section == Section::ops) {
            section = Section::done;
        } else if (section == Section::layers) {
            auto entry = parse_entry(line);
            if (!entry)
                return line_error(line_no, entry.error().message);
            Layer &layer = test_case.layers.back();
            if (std::string problem = entry_problem(layer, entry.value()); !problem.empty())
                return line_error(line_no, problem);
            layer.push_back(std::move(entry).value());
        } else if (section == Section::ops) {
            auto op = parse_op(line);
            if (!op)
                return line_error(line_no, op.error().message);
            test_case.ops.push_back(std::move(op).value());
        } else {
            return line_error(line_no, "unexpected '" + std::string(tokens[0]) +
                                           "' (want seed, layer, ops or end in that order)");
        }
    }
    if (!magic_seen)
        return usage_error("empty case file");
    if (section != Section::done)
        return usage_error("line " + std::to_string(line_no) + ": missing " +
                           (test_case.layers.empty() ? "'layer'"
                            : section == Section::ops ? "'end'"
                                                      : "'ops'"));
    return test_case;
}

} // namespace strata::difftest
