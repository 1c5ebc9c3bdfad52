// SPDX-License-Identifier: GPL-2.0-only
/* A mount's write count can be taken without freeze protection (6.8). */
#include <linux/mount.h>

int strata_probe(struct vfsmount *mnt);
int strata_probe(struct vfsmount *mnt)
{
	return mnt_get_write_access(mnt);
}
