// SPDX-License-Identifier: GPL-2.0-only
#include "mismatch.h"

namespace strata::difftest {
namespace {

// "EXDEV" for "-1 EXDEV", "ok" for any success ("0", "20", "0 a/b").
[[nodiscard]] std::string ending(const std::string &outcome)
{
    return outcome.starts_with("-1 ") ? outcome.substr(3) : "ok";
}

} // namespace

std::string Mismatch::signature() const
{
    switch (kind) {
    case MismatchKind::mount: return "mount";
    case MismatchKind::result: return "result:" + op_name + ":" + ending(a) + "/" + ending(b);
    case MismatchKind::state: return "state:" + field;
    case MismatchKind::tree: return "tree:" + field;
    case MismatchKind::upper: return "upper:" + field;
    }
    return "?";
}

std::string Mismatch::describe(std::string_view fs_a, std::string_view fs_b) const
{
    std::string where;
    switch (kind) {
    case MismatchKind::mount: where = "mounting the union"; break;
    case MismatchKind::result: where = "op " + std::to_string(op_number) + " `" + op + "`"; break;
    case MismatchKind::state:
        where = "after op " + std::to_string(op_number) + " `" + op + "`, " + path;
        break;
    case MismatchKind::tree: where = "merged trees at the end, " + path; break;
    case MismatchKind::upper: where = "upper dirs after unmount, " + path; break;
    }
    return where + ": " + field + " differs\n  A (" + std::string(fs_a) + "): " + a + "\n  B (" +
           std::string(fs_b) + "): " + b + "\n";
}

} // namespace strata::difftest
