// SPDX-License-Identifier: GPL-2.0-only
#include "loop_device.h"

#include <fcntl.h>
#include <linux/loop.h>
#include <sys/ioctl.h>

#include "system.h"

namespace strata::bench {

Result<LoopDevice> LoopDevice::attach(const std::string &file)
{
    const UniqueFd control(::open("/dev/loop-control", O_RDWR | O_CLOEXEC));
    if (!control.valid())
        return sys_error("open /dev/loop-control");
    const int n = ::ioctl(control.get(), LOOP_CTL_GET_FREE);
    if (n < 0)
        return sys_error("LOOP_CTL_GET_FREE");
    std::string path = "/dev/loop" + std::to_string(n);
    UniqueFd dev(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    const UniqueFd backing(::open(file.c_str(), O_RDWR | O_CLOEXEC));
    if (!dev.valid() || !backing.valid())
        return sys_error("open " + path + " or " + file);
    if (::ioctl(dev.get(), LOOP_SET_FD, backing.get()) < 0)
        return sys_error("LOOP_SET_FD " + path);
    return LoopDevice(std::move(dev), std::move(path));
}

LoopDevice::~LoopDevice()
{
    if (fd_.valid())
        (void)::ioctl(fd_.get(), LOOP_CLR_FD, 0); // autoclear if still in use
}

} // namespace strata::bench
