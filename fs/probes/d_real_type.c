// SPDX-License-Identifier: GPL-2.0-only
/* ->d_real() is asked for a kind of dentry (Linux 6.10), not for an inode. */
#include <linux/dcache.h>

struct dentry *strata_probe(struct dentry *d);
struct dentry *strata_probe(struct dentry *d)
{
	return d->d_op->d_real(d, D_REAL_DATA);
}
