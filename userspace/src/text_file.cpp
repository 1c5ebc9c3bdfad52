// SPDX-License-Identifier: GPL-2.0-only
#include "strata/text_file.h"

#include <fstream>
#include <sstream>

namespace strata {

Result<std::string> read_text_file(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return usage_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<void> write_text_file(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        return Error{Failure::System, "cannot write " + path, 0};
    return {};
}

} // namespace strata
