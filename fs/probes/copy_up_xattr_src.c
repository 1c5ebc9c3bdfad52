// SPDX-License-Identifier: GPL-2.0-only
/* security_inode_copy_up_xattr() is told the source dentry (Linux 6.10). */
#include <linux/security.h>

int strata_probe(struct dentry *src, const char *name);
int strata_probe(struct dentry *src, const char *name)
{
	return security_inode_copy_up_xattr(src, name);
}
