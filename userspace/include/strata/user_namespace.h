// SPDX-License-Identifier: GPL-2.0-only
//
// Which user namespace a tool runs in: the initial one (the host's), or one
// of its own, as rootless podman runs its mount program and as the
// user-namespace tests run strata-difftest (unshare -Urm).
#pragma once

namespace strata {

// True in the initial user namespace, which maps every id to itself in
// one range; also where /proc cannot tell (as before user namespaces).
[[nodiscard]] bool in_initial_user_namespace();

} // namespace strata
