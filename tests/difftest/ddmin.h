// SPDX-License-Identifier: GPL-2.0-only
//
// ddmin: Zeller's delta debugging. Given a list on which a test fails, find
// a smaller list on which it still fails by removing chunks, halving the
// chunk size whenever no chunk can go, down to single items. The result is
// 1-minimal: removing any one item left makes the test pass.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace strata::difftest {

// fails(candidate) replays a candidate; it is never called with the input
// itself, which the caller already knows to fail. min_size keeps at least
// that many items (a union needs one lower layer).
template <typename T, typename Fails>
[[nodiscard]] std::vector<T> ddmin(std::vector<T> items, Fails &&fails, std::size_t min_size = 0)
{
    if (items.size() > min_size && min_size == 0 && fails(std::vector<T>{}))
        return {};
    std::size_t chunks = 2;
    while (items.size() > std::max<std::size_t>(min_size, 1)) {
        chunks = std::min(chunks, items.size());
        const std::size_t size = items.size();
        bool reduced = false;
        // Try each chunk's complement: the list without that chunk. (Trying
        // each chunk alone, ddmin's other half, rarely pays for its replays
        // when most items are independent, as ops and entries are.)
        for (std::size_t c = 0; c < chunks && !reduced; c++) {
            const std::size_t begin = c * size / chunks;
            const std::size_t end = (c + 1) * size / chunks;
            if (size - (end - begin) < min_size)
                continue;
            const auto at = [&](std::size_t i) {
                return items.begin() + static_cast<std::ptrdiff_t>(i);
            };
            std::vector<T> rest(items.begin(), at(begin));
            rest.insert(rest.end(), at(end), items.end());
            if (fails(rest)) {
                items = std::move(rest);
                chunks = std::max<std::size_t>(chunks - 1, 2);
                reduced = true;
            }
        }
        if (reduced)
            continue;
        if (chunks >= size)
            break;
        chunks = std::min(chunks * 2, size);
    }
    return items;
}

} // namespace strata::difftest
