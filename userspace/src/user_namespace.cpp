// SPDX-License-Identifier: GPL-2.0-only
#include "strata/user_namespace.h"

#include <fstream>

namespace strata {

bool in_initial_user_namespace()
{
    std::ifstream map("/proc/self/uid_map");
    unsigned long inside = 0, outside = 0, count = 0;
    if (!(map >> inside >> outside >> count))
        return true;
    unsigned long more = 0;
    return inside == 0 && outside == 0 && count == 4294967295UL && !(map >> more);
}

} // namespace strata
