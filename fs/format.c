// SPDX-License-Identifier: GPL-2.0-only
/*
 * overlayfs's on-disk format, which Strata reads and writes the same way:
 * a whiteout is a 0/0 character device with the hidden name; an opaque
 * directory carries the xattr trusted.overlay.opaque = "y" (or
 * user.overlay.opaque with "userxattr"). The overlay.* xattr names are the
 * union's own: never shown through it, never copied up.
 */
#include "strata.h"

bool strata_is_whiteout(struct dentry *real)
{
	struct inode *inode = d_inode(real);

	return inode && S_ISCHR(inode->i_mode) && inode->i_rdev == WHITEOUT_DEV;
}

int strata_check_opaque(struct strata_fs *ofs, struct dentry *real,
			bool *opaque)
{
	char val;
	ssize_t res;

	res = strata_do_getxattr(real, strata_xattr_name(ofs, STRATA_XATTR_OPAQUE),
				 &val, 1);
	*opaque = res == 1 && val == 'y';
	if (res >= 0 || res == -ENODATA || res == -EOPNOTSUPP || res == -ERANGE)
		return 0;
	return res;
}

/*
 * A real dentry Strata cannot stack on: its filesystem compares names in
 * its own way (d_hash/d_compare: case-insensitive ext4/f2fs, vfat, SMB), so
 * lookups and the byte-wise lower-name index would disagree; or it is an
 * automount point.
 */
bool strata_dentry_weird(struct dentry *real)
{
	return real->d_flags & (DCACHE_NEED_AUTOMOUNT | DCACHE_MANAGE_TRANSIT |
				DCACHE_OP_HASH | DCACHE_OP_COMPARE);
}

/* Sets the opaque mark on a real directory. */
int strata_set_opaque(struct strata_fs *ofs, struct dentry *real)
{
	return strata_do_setxattr(real,
				  strata_xattr_name(ofs, STRATA_XATTR_OPAQUE),
				  "y", 1, 0);
}

static const char *const strata_xattr_names[][2] = {
	/*                      trusted.*                  userxattr */
	[STRATA_XATTR_OPAQUE] = { "trusted.overlay.opaque", "user.overlay.opaque" },
};

const char *strata_xattr_name(struct strata_fs *ofs, enum strata_xattr x)
{
	return strata_xattr_names[x][ofs->config.userxattr];
}

/* Names in the metadata namespace are Strata's own: never shown or set. */
bool strata_is_private_xattr(struct strata_fs *ofs, const char *name)
{
	const char *prefix = ofs->config.userxattr ? XATTR_USER_PREFIX "overlay." :
						     XATTR_TRUSTED_PREFIX "overlay.";

	return !strncmp(name, prefix, strlen(prefix));
}
