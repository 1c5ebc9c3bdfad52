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

/**
 * strata_xattr_absent - whether a failed read of a mark means "no mark"
 * @ofs: the mount
 * @res: what getxattr answered
 *
 * None set, none supported, or, with userxattr, a user.* xattr the mounter
 * may not read: user.* needs read permission, which it may lack on a
 * directory it can only search (root's 0711, seen from a user namespace);
 * overlayfs reads no mark there too.
 */
bool strata_xattr_absent(const struct strata_fs *ofs, ssize_t res)
{
	return res == -ENODATA || res == -EOPNOTSUPP ||
	       (res == -EACCES && ofs->config.userxattr);
}

int strata_check_opaque(struct strata_fs *ofs, const struct strata_path *real,
			bool *opaque)
{
	char val;
	ssize_t res;

	res = strata_do_getxattr(strata_layer_idmap(real->layer), real->dentry,
				 strata_xattr_name(ofs, STRATA_XATTR_OPAQUE),
				 &val, 1);
	*opaque = res == 1 && val == 'y';
	/* -ERANGE: a longer value, which is not "y". */
	if (res < 0 && res != -ERANGE && !strata_xattr_absent(ofs, res))
		return res;
	if (*opaque)
		return 0;
	res = strata_aufs_opaque(ofs, real);
	*opaque = res > 0;
	return min_t(ssize_t, res, 0);
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

/* Whether @real carries the xattr @x; errors other than "none" count. */
static int strata_has_xattr(struct strata_fs *ofs,
			    const struct strata_path *real, enum strata_xattr x)
{
	ssize_t res = strata_do_getxattr(strata_layer_idmap(real->layer),
					 real->dentry,
					 strata_xattr_name(ofs, x), NULL, 0);

	if (res >= 0)
		return 1;
	return strata_xattr_absent(ofs, res) ? 0 : res;
}

/**
 * strata_check_unsupported - refuse objects in overlayfs features Strata lacks
 * @ofs:     the mount
 * @real:    a positive real dentry found by lookup
 * @follows: whether layers lie below @real's layer
 *
 * overlayfs with "metacopy=on" leaves files whose data lives in a lower
 * layer (a sparse copy with overlay.metacopy), and with "redirect_dir=on"
 * directories renamed by overlay.redirect. Strata would show the first as
 * zeros and the second without its lower part, so it refuses both with
 * EPERM, as overlayfs does with those features off. A redirect in the
 * bottom layer leads nowhere, and overlayfs ignores it there too.
 */
int strata_check_unsupported(struct strata_fs *ofs,
			     const struct strata_path *real, bool follows)
{
	struct inode *inode = d_inode(real->dentry);
	int res = 0;

	if (S_ISREG(inode->i_mode)) {
		res = strata_has_xattr(ofs, real, STRATA_XATTR_METACOPY);
		if (res > 0)
			pr_warn_ratelimited("refusing %pd2: a metadata-only copy (overlayfs metacopy=on), which Strata cannot read\n",
					    real->dentry);
	} else if (S_ISDIR(inode->i_mode) && follows) {
		res = strata_has_xattr(ofs, real, STRATA_XATTR_REDIRECT);
		if (res > 0)
			pr_warn_ratelimited("refusing %pd2: a renamed directory (overlayfs redirect_dir=on), which Strata cannot follow\n",
					    real->dentry);
	}
	return res > 0 ? -EPERM : res;
}

/* Sets the opaque mark on a real directory. */
int strata_set_opaque(struct strata_fs *ofs, struct dentry *real)
{
	return strata_do_setxattr(strata_upper_idmap(ofs), real,
				  strata_xattr_name(ofs, STRATA_XATTR_OPAQUE),
				  "y", 1, 0);
}

static const char *const strata_xattr_names[][2] = {
	/*                      trusted.*                  userxattr */
	[STRATA_XATTR_OPAQUE] = { "trusted.overlay.opaque", "user.overlay.opaque" },
	[STRATA_XATTR_PROTATTR] = { "trusted.overlay.protattr", "user.overlay.protattr" },
	[STRATA_XATTR_METACOPY] = { "trusted.overlay.metacopy", "user.overlay.metacopy" },
	[STRATA_XATTR_REDIRECT] = { "trusted.overlay.redirect", "user.overlay.redirect" },
	[STRATA_XATTR_ORIGIN] = { "trusted.overlay.origin", "user.overlay.origin" },
	[STRATA_XATTR_IMPURE] = { "trusted.overlay.impure", "user.overlay.impure" },
	[STRATA_XATTR_NLINK] = { "trusted.overlay.nlink", "user.overlay.nlink" },
	[STRATA_XATTR_UPPER] = { "trusted.overlay.upper", "user.overlay.upper" },
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
