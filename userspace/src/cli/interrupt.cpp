// SPDX-License-Identifier: GPL-2.0-only
#include "interrupt.h"

#include <csignal>

namespace strata::cli {

namespace {

volatile std::sig_atomic_t stop_requested = 0;

extern "C" void on_signal(int)
{
    stop_requested = 1;
}

} // namespace

void catch_interrupts()
{
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupted() noexcept
{
    return stop_requested != 0;
}

} // namespace strata::cli
