// SPDX-License-Identifier: GPL-2.0-only
//
// The bytes of generated files and writes: a pure function of a fill seed
// and the position, so a case file stores two numbers instead of the data,
// and both copies of a layer get the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace strata::difftest {

// The unit of sparseness: tmpfs and ext4 allocate pages or 4 KiB blocks.
inline constexpr std::uint64_t content_block = 4096;

// Fills out with the bytes at [offset, offset + out.size()) of stream fill.
void content_bytes(std::uint64_t fill, std::uint64_t offset, std::span<unsigned char> out) noexcept;

// Whether block index `block` of a sparse file holds data; the others are
// holes that read as zeros. About a third of the blocks hold data.
[[nodiscard]] bool sparse_block_has_data(std::uint64_t fill, std::uint64_t block) noexcept;

} // namespace strata::difftest
