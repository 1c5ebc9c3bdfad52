// SPDX-License-Identifier: GPL-2.0-only
//
// Rng: the generator's source of randomness. Its own code (SplitMix64) and
// not <random>'s distributions, whose results the standard leaves to each
// library: a seed must give the same case on every machine and in the guest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace strata::difftest {

// One SplitMix64 step: a well-mixed 64-bit function of its input. Also the
// hash that derives per-block contents and per-sequence seeds.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class Rng {
public:
    explicit constexpr Rng(std::uint64_t seed) noexcept : state_(seed) {}

    [[nodiscard]] constexpr std::uint64_t next() noexcept
    {
        state_ += 0x9e3779b97f4a7c15ULL;
        return mix64(state_);
    }

    // Uniform in [0, n); n must be > 0. The modulo bias is far below what a
    // test generator could notice.
    [[nodiscard]] constexpr std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }

    // Uniform in [lo, hi].
    [[nodiscard]] constexpr std::uint64_t between(std::uint64_t lo, std::uint64_t hi) noexcept
    {
        return lo + below(hi - lo + 1);
    }

    // True with the given chance in percent.
    [[nodiscard]] constexpr bool percent(unsigned chance) noexcept { return below(100) < chance; }

    template <typename T>
    [[nodiscard]] const T &pick(const std::vector<T> &items) noexcept
    {
        return items[static_cast<std::size_t>(below(items.size()))];
    }

    template <typename T, std::size_t N>
    [[nodiscard]] const T &pick(const T (&items)[N]) noexcept
    {
        return items[below(N)];
    }

private:
    std::uint64_t state_;
};

} // namespace strata::difftest
