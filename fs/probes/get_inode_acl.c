// SPDX-License-Identifier: GPL-2.0-only
/*
 * POSIX ACLs have inode operations of their own (Linux 6.2): get_inode_acl
 * for permission checks, get_acl and set_acl on a dentry; the VFS no
 * longer passes ACL xattrs to xattr handlers.
 */
#include <linux/fs.h>
#include <linux/posix_acl.h>

static const struct inode_operations strata_probe_iops = {
	.get_inode_acl = NULL,
	.set_acl = NULL,
};

const struct inode_operations *strata_probe(void);
const struct inode_operations *strata_probe(void)
{
	return &strata_probe_iops;
}
