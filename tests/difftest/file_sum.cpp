// SPDX-License-Identifier: GPL-2.0-only
#include "file_sum.h"

#include <cerrno>
#include <cstdio>
#include <memory>

#include <unistd.h>

#include "fnv1a.h"

namespace strata::difftest {

int sum_from_start(int fd, std::string &sum)
{
    constexpr std::size_t chunk = 64 << 10;
    const auto buffer = std::make_unique_for_overwrite<unsigned char[]>(chunk);
    probe::Fnv1a hash;
    for (;;) {
        const ssize_t n = ::pread(fd, buffer.get(), chunk, static_cast<off_t>(hash.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            break;
        hash.update(buffer.get(), static_cast<std::size_t>(n));
    }
    char text[48];
    std::snprintf(text, sizeof(text), "%llu %016llx", static_cast<unsigned long long>(hash.size()),
                  static_cast<unsigned long long>(hash.value()));
    sum = text;
    return 0;
}

} // namespace strata::difftest
