// SPDX-License-Identifier: GPL-2.0-only
#include "strata/errors.h"

#include <cstring>
#include <utility>

namespace strata {

Error io_error(const std::string &what, int err)
{
    return Error{Failure::FileIo, what + ": " + std::strerror(err), err};
}

Error content_error(std::string message)
{
    return Error{Failure::FileIo, std::move(message), 0};
}

Error with_context(const std::string &context, Error error)
{
    error.message = context + ": " + error.message;
    return error;
}

} // namespace strata
