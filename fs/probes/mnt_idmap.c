// SPDX-License-Identifier: GPL-2.0-only
/* Inode operations take a struct mnt_idmap (Linux 6.3), not a user_namespace. */
#include <linux/fs.h>

int strata_probe(struct mnt_idmap *idmap, struct inode *inode);
int strata_probe(struct mnt_idmap *idmap, struct inode *inode)
{
	return inode->i_op->permission(idmap, inode, MAY_READ);
}
