// SPDX-License-Identifier: GPL-2.0-only
//
// Fnv1a: the 64-bit FNV-1a hash of a byte stream, and how many bytes it saw.
// strata-probe prints it as "SIZE HEX" so that data read through the union
// one way can be compared with the layer's file read another way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace strata::probe {

class Fnv1a {
public:
    static constexpr std::uint64_t offset_basis = 0xcbf29ce484222325ULL;
    static constexpr std::uint64_t prime = 0x100000001b3ULL;

    constexpr void update(const unsigned char *data, std::size_t len) noexcept
    {
        for (std::size_t i = 0; i < len; i++)
            hash_ = (hash_ ^ data[i]) * prime;
        size_ += len;
    }
    constexpr void update(std::string_view bytes) noexcept
    {
        for (const char c : bytes)
            hash_ = (hash_ ^ static_cast<unsigned char>(c)) * prime;
        size_ += bytes.size();
    }

    [[nodiscard]] constexpr std::uint64_t value() const noexcept { return hash_; }
    [[nodiscard]] constexpr std::uint64_t size() const noexcept { return size_; }

private:
    std::uint64_t hash_ = offset_basis;
    std::uint64_t size_ = 0;
};

} // namespace strata::probe
