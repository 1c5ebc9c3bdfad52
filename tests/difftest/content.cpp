// SPDX-License-Identifier: GPL-2.0-only
#include "content.h"

#include "rng.h"

namespace strata::difftest {

void content_bytes(std::uint64_t fill, std::uint64_t offset, std::span<unsigned char> out) noexcept
{
    // One mixed word per 8 bytes of the stream, so a write at any offset
    // sees the same bytes there as any other reader of the stream.
    std::uint64_t word_index = offset / 8;
    std::uint64_t word = mix64(fill ^ mix64(word_index));
    for (std::size_t i = 0; i < out.size(); i++) {
        const std::uint64_t pos = offset + i;
        if (pos / 8 != word_index) {
            word_index = pos / 8;
            word = mix64(fill ^ mix64(word_index));
        }
        out[i] = static_cast<unsigned char>(word >> (8 * (pos % 8)));
    }
}

bool sparse_block_has_data(std::uint64_t fill, std::uint64_t block) noexcept
{
    return mix64(fill + block * 0x632be59bd9b4e019ULL) % 3 == 0;
}

} // namespace strata::difftest
