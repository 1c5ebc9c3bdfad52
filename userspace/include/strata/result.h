// SPDX-License-Identifier: GPL-2.0-only
//
// Result<T>: a value or an Error. GCC 12's C++20 has no std::expected, and
// exceptions would hide which calls can fail.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "strata/exit_code.h"

namespace strata {

struct Error {
    Failure failure = Failure::Software;
    std::string message;
    int sys_errno = 0; // 0 when no syscall was involved
};

[[nodiscard]] inline Error usage_error(std::string message)
{
    return Error{Failure::Usage, std::move(message), 0};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] T &value() & { return std::get<0>(state_); }
    [[nodiscard]] const T &value() const & { return std::get<0>(state_); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(state_)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}

    [[nodiscard]] bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] const Error &error() const { return *error_; }

private:
    std::optional<Error> error_;
};

} // namespace strata
