/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place for kernel-version differences. Linux 6.1 is the floor and,
 * for now, the only version Strata is built for: the stock Debian 12 kernel
 * and the debug test kernel built from the same source.
 */
#ifndef _STRATA_COMPAT_H
#define _STRATA_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) || \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#error "Strata is written against the Linux 6.1 VFS interfaces"
#endif

#endif /* _STRATA_COMPAT_H */
