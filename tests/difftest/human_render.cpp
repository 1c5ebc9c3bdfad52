// SPDX-License-Identifier: GPL-2.0-only
#include "human_render.h"

#include "numbers.h"

namespace strata::difftest {
namespace {

[[nodiscard]] std::string time_text(std::int64_t ns)
{
    return "@" + format_time(ns);
}

// The shell's fd number for a held slot: 3 and up, past stdio.
[[nodiscard]] std::string fd_of(unsigned slot)
{
    return std::to_string(slot + 3);
}

[[nodiscard]] std::string render_entry(const Entry &e)
{
    std::string line;
    switch (e.kind) {
    case EntryKind::dir:
        line = "dir      " + e.path + "  " + format_mode(e.mode) + " " + format_owner(e.uid, e.gid);
        if (e.opaque)
            line += "  opaque (overlay.opaque=y)";
        break;
    case EntryKind::file:
        line = "file     " + e.path + "  " + format_mode(e.mode) + " " + format_owner(e.uid, e.gid) + "  " +
               std::to_string(e.size) + " bytes" + (e.sparse ? ", sparse" : "");
        break;
    case EntryKind::symlink:
        line = "symlink  " + e.path + " -> " + e.target + "  " + format_owner(e.uid, e.gid);
        break;
    case EntryKind::hardlink: line = "hardlink " + e.path + " = " + e.target; break;
    case EntryKind::fifo:
        line = "fifo     " + e.path + "  " + format_mode(e.mode) + " " + format_owner(e.uid, e.gid);
        break;
    case EntryKind::whiteout: line = "whiteout " + e.path + "  (chr 0:0)"; break;
    }
    for (const auto &[name, value] : e.xattrs)
        line += "  " + name + "=" + (value.size() > 20 ? value.substr(0, 17) + "..." : value);
    return line;
}

[[nodiscard]] std::string render_write(const Op &op)
{
    const char *how = op.open_how == OpenHow::trunc    ? "O_WRONLY|O_TRUNC"
                      : op.open_how == OpenHow::append ? "O_WRONLY|O_APPEND"
                                                       : "O_WRONLY";
    return "pwrite(open(" + op.path + ", " + how + "), <" + std::to_string(op.length) +
           " bytes, fill " + std::to_string(op.fill) + ">, offset " + std::to_string(op.offset) +
           ")";
}

[[nodiscard]] std::string render_rename(const Op &op)
{
    switch (op.rename_how) {
    case RenameHow::none: return "mv -T " + op.path + " " + op.path2;
    case RenameHow::noreplace:
        return "renameat2(" + op.path + ", " + op.path2 + ", RENAME_NOREPLACE)";
    case RenameHow::exchange:
        return "renameat2(" + op.path + ", " + op.path2 + ", RENAME_EXCHANGE)";
    }
    return {};
}

} // namespace

std::string render_op(const Op &op)
{
    const std::string h = op.nofollow ? " -h" : "";
    switch (op.kind) {
    case OpKind::create:
        return "open(" + op.path + ", O_WRONLY|O_CREAT|O_EXCL, " + format_mode(op.mode) + ")";
    case OpKind::write: return render_write(op);
    case OpKind::truncate: return "truncate -s " + std::to_string(op.length) + " " + op.path;
    case OpKind::mkdir: return "mkdir -m " + format_mode(op.mode) + " " + op.path;
    case OpKind::rmdir: return "rmdir " + op.path;
    case OpKind::unlink: return "unlink " + op.path;
    case OpKind::rename: return render_rename(op);
    case OpKind::link: return "ln " + op.path + " " + op.path2;
    case OpKind::symlink: return "ln -s " + op.target + " " + op.path;
    case OpKind::setxattr:
        return "setfattr" + h + " -n " + op.xname + " -v " + op.xvalue + " " + op.path;
    case OpKind::removexattr: return "setfattr" + h + " -x " + op.xname + " " + op.path;
    case OpKind::chmod: return "chmod " + format_mode(op.mode) + " " + op.path;
    case OpKind::chown: return "chown" + h + " " + format_owner(op.uid, op.gid) + " " + op.path;
    case OpKind::utimes:
        return "touch" + h + " -a -d " + time_text(op.atime_ns) + " " + op.path + "; touch" + h +
               " -m -d " + time_text(op.mtime_ns) + " " + op.path;
    case OpKind::mknod: return "mkfifo -m " + format_mode(op.mode) + " " + op.path;
    case OpKind::readlink: return "readlink " + op.path;
    case OpKind::hold: return "exec " + fd_of(op.slot) + "<" + op.path;
    case OpKind::read_held: return "pread fd " + fd_of(op.slot) + " from 0 to EOF";
    case OpKind::release: return "exec " + fd_of(op.slot) + "<&-";
    }
    return {};
}

std::string render_human(const TestCase &test_case)
{
    std::string text = "# layers, L1 on top (lowerdir=L1:L2:...), upper and work empty\n";
    for (std::size_t i = 0; i < test_case.layers.size(); i++) {
        const std::string name = "L" + std::to_string(i + 1);
        if (test_case.layers[i].empty())
            text += name + "  (empty)\n";
        for (const Entry &entry : test_case.layers[i])
            text += name + "  " + render_entry(entry) + "\n";
    }
    text += "# ops, as root with umask 0, in the union's root\n";
    for (std::size_t i = 0; i < test_case.ops.size(); i++)
        text += std::to_string(i + 1) + ": " + render_op(test_case.ops[i]) + "\n";
    return text;
}

} // namespace strata::difftest
