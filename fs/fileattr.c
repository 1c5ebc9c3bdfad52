// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inode flags (chattr's append-only, immutable, sync, noatime) through the
 * union, kept as overlayfs keeps them.
 *
 * The VFS enforces these flags on the strata inode, so it mirrors the real
 * inode's. Append-only and immutable cannot be set on an upper object: a
 * copy-up could not then rename it into place, nor a change give it an
 * xattr. overlayfs stores them in the xattr overlay.protattr instead ("a",
 * "i"), and so does Strata; sync and noatime go to the upper inode itself.
 */
#include "strata.h"

/* The flags the strata inode mirrors, and those protattr holds. */
#define STRATA_MIRROR_I_FLAGS	(S_SYNC | S_NOATIME | S_APPEND | S_IMMUTABLE)
#define STRATA_PROT_I_FLAGS	(S_APPEND | S_IMMUTABLE)
#define STRATA_COPY_FS_FLAGS	(FS_SYNC_FL | FS_NOATIME_FL)
#define STRATA_COPY_FSX_FLAGS	(FS_XFLAG_SYNC | FS_XFLAG_NOATIME)
#define STRATA_PROT_FS_FLAGS	(FS_APPEND_FL | FS_IMMUTABLE_FL)
#define STRATA_PROT_FSX_FLAGS	(FS_XFLAG_APPEND | FS_XFLAG_IMMUTABLE)
#define STRATA_PROTATTR_MAX	32	/* overlayfs reserves this much */

/**
 * strata_mirror_flags - give the strata inode its real inode's flags
 * @inode: a strata inode whose real inode was just set or changed
 *
 * With an upper, append-only and immutable come from protattr (read by
 * strata_read_protattr()) or from the upper inode itself, where an older
 * kernel may have set them.
 */
void strata_mirror_flags(struct inode *inode)
{
	unsigned int flags = strata_i_real(inode)->i_flags & STRATA_MIRROR_I_FLAGS;

	if (strata_i_upper(inode))
		flags |= inode->i_flags & STRATA_PROT_I_FLAGS;
	inode_set_flags(inode, flags, STRATA_MIRROR_I_FLAGS);
}

/*
 * Adds the protattr flags of @upper to a new strata inode; a value Strata
 * does not understand is reported and ignored, as overlayfs does.
 */
void strata_read_protattr(struct inode *inode, struct dentry *upper)
{
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	unsigned int flags = inode->i_flags & STRATA_PROT_I_FLAGS;
	char buf[STRATA_PROTATTR_MAX];
	const struct cred *old;
	ssize_t res, n;

	old = strata_override_creds(inode->i_sb);
	res = strata_do_getxattr(strata_upper_idmap(ofs), upper,
				 strata_xattr_name(ofs, STRATA_XATTR_PROTATTR),
				 buf, sizeof(buf));
	strata_revert_creds(old);
	if (res < 0)
		return;
	for (n = 0; n < res; n++) {
		if (buf[n] == 'a')
			flags |= S_APPEND;
		else if (buf[n] == 'i')
			flags |= S_IMMUTABLE;
		else
			break;
	}
	if (!res || n < res) {
		pr_warn_ratelimited("%pd2: protattr holds what Strata does not know (%zd bytes)\n",
				    upper, res);
		return;
	}
	inode_set_flags(inode, flags, STRATA_PROT_I_FLAGS);
}

/* protattr's value for @fa's append-only and immutable flags, and its length. */
static int strata_protattr_encode(const struct fileattr *fa, char *buf,
				  unsigned int *iflags)
{
	int len = 0;

	*iflags = 0;
	if (fa->flags & FS_APPEND_FL) {
		buf[len++] = 'a';
		*iflags |= S_APPEND;
	}
	if (fa->flags & FS_IMMUTABLE_FL) {
		buf[len++] = 'i';
		*iflags |= S_IMMUTABLE;
	}
	return len;
}

/*
 * Records @fa's append-only and immutable flags in @upper's protattr, sets
 * them on the strata inode, and takes them out of @fa, which then goes to
 * the upper inode. Runs as the mounter.
 */
static int strata_write_protattr(struct inode *inode, struct dentry *upper,
				 struct fileattr *fa)
{
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	const char *name = strata_xattr_name(ofs, STRATA_XATTR_PROTATTR);
	unsigned int flags;
	char buf[2];
	int len, err = 0;

	len = strata_protattr_encode(fa, buf, &flags);
	if (len) {
		err = strata_do_setxattr(strata_upper_idmap(ofs), upper, name,
					 buf, len, 0);
		/* Without xattrs the flags cannot be kept: refuse them. */
		if (err == -EOPNOTSUPP)
			err = -EPERM;
	} else if (inode->i_flags & STRATA_PROT_I_FLAGS) {
		err = strata_do_removexattr(strata_upper_idmap(ofs), upper, name);
		if (err == -ENODATA || err == -EOPNOTSUPP)
			err = 0;
	}
	if (err)
		return err;
	inode_set_flags(inode, flags, STRATA_PROT_I_FLAGS);
	fa->flags &= ~STRATA_PROT_FS_FLAGS;
	fa->fsx_xflags &= ~STRATA_PROT_FSX_FLAGS;
	return 0;
}

/* Adds the strata inode's protattr flags to what the real inode said. */
static void strata_add_prot_flags(struct inode *inode, struct fileattr *fa)
{
	if (inode->i_flags & S_APPEND) {
		fa->flags |= FS_APPEND_FL;
		fa->fsx_xflags |= FS_XFLAG_APPEND;
	}
	if (inode->i_flags & S_IMMUTABLE) {
		fa->flags |= FS_IMMUTABLE_FL;
		fa->fsx_xflags |= FS_XFLAG_IMMUTABLE;
	}
}

int strata_fileattr_get(struct dentry *dentry, struct fileattr *fa)
{
	struct inode *inode = d_inode(dentry);
	struct strata_path top = strata_i_top(inode);
	struct path real = { .mnt = top.layer->mnt, .dentry = top.dentry };
	const struct cred *old;
	int err;

	old = strata_override_creds(inode->i_sb);
	err = strata_do_fileattr_get(&real, fa);
	strata_revert_creds(old);
	strata_add_prot_flags(inode, fa);
	return err;
}

/*
 * The caller passed the VFS's checks on the strata inode (owner, and
 * CAP_LINUX_IMMUTABLE for a change of append-only or immutable); the
 * change is then made on the upper as the mounter.
 */
int strata_fileattr_set(strata_idmap_t *idmap, struct dentry *dentry,
			struct fileattr *fa)
{
	struct inode *inode = d_inode(dentry);
	struct path upper;
	const struct cred *old;
	int err;

	err = strata_prepare_change(dentry);
	if (err)
		return err;
	upper.mnt = STRATA_FS(inode->i_sb)->upper.mnt;
	upper.dentry = strata_i_upper(inode);
	old = strata_override_creds(inode->i_sb);
	err = strata_write_protattr(inode, upper.dentry, fa);
	if (!err)
		err = strata_do_fileattr_set(&upper, fa);
	strata_revert_creds(old);
	strata_mirror_flags(inode);
	strata_copyattr(inode);	/* the change moved the upper's ctime */
	strata_drop_write(dentry->d_sb);
	return err;
}

/**
 * strata_copy_up_fileattr - carry inode flags over to a copy-up's copy
 * @inode: the strata inode being copied up
 * @lower: its lower object
 * @temp:  the copy, in the work directory
 *
 * Append-only and immutable go to protattr, sync and noatime to the copy.
 * Runs as the mounter. A filesystem without inode flags on either side is
 * not an error: nothing can be copied (EINVAL is ntfs-3g's way of saying so).
 */
int strata_copy_up_fileattr(struct inode *inode, const struct path *lower,
			    const struct path *temp)
{
	struct fileattr from = { .flags_valid = true };
	struct fileattr to = { .flags_valid = true };
	unsigned int iflags;
	char buf[2];
	int len, err;

	if (!(inode->i_flags & STRATA_MIRROR_I_FLAGS) ||
	    !(S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		return 0;
	err = strata_do_fileattr_get(lower, &from);
	if (err)
		return err == -ENOTTY || err == -EINVAL ? 0 : err;
	len = strata_protattr_encode(&from, buf, &iflags);
	if (len) {
		err = strata_do_setxattr(strata_mnt_idmap(temp->mnt),
					 temp->dentry,
					 strata_xattr_name(STRATA_FS(inode->i_sb),
							   STRATA_XATTR_PROTATTR),
					 buf, len, 0);
		if (err == -EOPNOTSUPP)
			pr_warn_once("copy-up: the upper keeps no xattrs, so append-only and immutable flags are lost\n");
		else if (err)
			return err;
	}
	if (!(from.flags & STRATA_COPY_FS_FLAGS))
		return 0;
	err = strata_do_fileattr_get(temp, &to);
	if (err == -ENOTTY || err == -EINVAL) {
		pr_warn_once("copy-up: the upper has no inode flags, so sync and noatime flags are lost\n");
		return 0;
	}
	if (err)
		return err;
	to.flags = (to.flags & ~STRATA_COPY_FS_FLAGS) | (from.flags & STRATA_COPY_FS_FLAGS);
	to.fsx_xflags = (to.fsx_xflags & ~STRATA_COPY_FSX_FLAGS) |
			(from.fsx_xflags & STRATA_COPY_FSX_FLAGS);
	return strata_do_fileattr_set(temp, &to);
}
