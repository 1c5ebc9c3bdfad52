// SPDX-License-Identifier: GPL-2.0-only
/*
 * Strata inodes: allocation and the inode cache, inode numbers, attributes,
 * permission, links, xattrs and ACLs.
 *
 * Permission is checked twice (see DESIGN.md, "Two permission checks"): the
 * caller against the strata inode, whose attributes mirror the real inode,
 * then the mounter's credentials against the real inode.
 */
#include "strata.h"
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <linux/slab.h>

static struct kmem_cache *strata_inode_cachep;

struct inode *strata_alloc_inode(struct super_block *sb)
{
	struct strata_inode *si;

	si = alloc_inode_sb(sb, strata_inode_cachep, GFP_KERNEL);
	if (!si)
		return NULL;
	si->entry = NULL;
	si->upper = NULL;
	mutex_init(&si->copyup_lock);
	si->flags = 0;
	si->nlink_diff = 0;
	RCU_INIT_POINTER(si->lower_index, NULL);
	atomic_set(&si->lower_probes, 0);
	si->index_cost = 0;
	si->listing = NULL;
	si->listing_gen = 0;
	INIT_LIST_HEAD(&si->cache_lru);
	return &si->vfs_inode;
}

/*
 * The inode's references to its real dentries go here, but what an RCU
 * path walk may still read through it (->permission, ->get_inode_acl: the
 * entry array and the dentry pointers) stays until strata_free_inode(),
 * after a grace period. The real dentries and inodes are themselves freed
 * after one; a real dentry that went negative meanwhile reads as NULL.
 */
void strata_destroy_inode(struct inode *inode)
{
	strata_dir_cache_free(inode);
	strata_entry_put(STRATA_I(inode)->entry);
	dput(STRATA_I(inode)->upper);
	mutex_destroy(&STRATA_I(inode)->copyup_lock);
}

/* RCU callback: nothing can reach the inode any more. */
void strata_free_inode(struct inode *inode)
{
	kfree(STRATA_I(inode)->entry);
	kmem_cache_free(strata_inode_cachep, STRATA_I(inode));
}

static void strata_inode_once(void *p)
{
	inode_init_once(&((struct strata_inode *)p)->vfs_inode);
}

int strata_inode_cache_init(void)
{
	strata_inode_cachep = kmem_cache_create("strata_inode",
						sizeof(struct strata_inode), 0,
						SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT,
						strata_inode_once);
	return strata_inode_cachep ? 0 : -ENOMEM;
}

void strata_inode_cache_exit(void)
{
	/* Wait for free_inode RCU callbacks before the cache goes. */
	rcu_barrier();
	kmem_cache_destroy(strata_inode_cachep);
}

/*
 * st_ino of an object whose real inode is @real_ino on @layer's fs, as
 * overlayfs numbers it with xino: with all layers on one filesystem the
 * real number is already unique. Otherwise the layer's fsid fills the top
 * bits, above one bit overlayfs keeps for numbers of its own; a real
 * number that already reaches that bit (no common filesystem has one)
 * keeps its value and may collide.
 */
u64 strata_ino(struct strata_fs *ofs, struct strata_layer *layer, u64 real_ino)
{
	unsigned int shift = 64 - ofs->xino_bits;

	if (!ofs->xino_bits || real_ino >> shift)
		return real_ino;
	return real_ino | ((u64)layer->fsid << (shift + 1));
}

/*
 * st_ino of a non-directory whose upper is @upper, copied up from @origin
 * (dentry NULL if unknown): the origin's, so that the number survives the
 * copy-up, unless the origin has other links whose copies would share it:
 * copy-up breaks hard links, and overlayfs then shows the copy's, except
 * where @upper is the origin's index entry, the one copy of all its names
 * (index=on, hardlinks.c).
 */
u64 strata_nondir_ino(struct strata_fs *ofs, struct dentry *upper,
		      const struct strata_path *origin, bool indexed)
{
	if (origin->dentry &&
	    (indexed || d_inode(origin->dentry)->i_nlink == 1))
		return strata_ino(ofs, origin->layer,
				  d_inode(origin->dentry)->i_ino);
	return strata_ino(ofs, &ofs->upper, d_inode(upper)->i_ino);
}

/*
 * st_ino of a new inode, and whether it is its lower's while it has an
 * upper (STRATA_I_ORIGIN): a lower-only object shows its lower's number;
 * a directory with lower parts, its top lower's, which copy-up does not
 * change; a non-directory, strata_nondir_ino()'s.
 */
static u64 strata_inode_ino(struct strata_fs *ofs, struct dentry *upper,
			    struct strata_entry *e, bool indexed, bool *origin)
{
	struct strata_path none = {};
	struct strata_path *lower = e->num_lower ? &e->lower[0] : &none;
	u64 ino;

	*origin = false;
	if (!upper)
		return strata_ino(ofs, lower->layer,
				  d_inode(lower->dentry)->i_ino);
	if (d_is_dir(upper))
		ino = lower->dentry ? strata_ino(ofs, lower->layer,
						 d_inode(lower->dentry)->i_ino) :
				      strata_ino(ofs, &ofs->upper,
						 d_inode(upper)->i_ino);
	else
		ino = strata_nondir_ino(ofs, upper, lower, indexed);
	*origin = ino != strata_ino(ofs, &ofs->upper, d_inode(upper)->i_ino);
	return ino;
}

/*
 * Mirrors the real inode's attributes, which the caller's checks use; the
 * owners as the real object's layer maps them. Called after every change
 * that reaches the real inode.
 */
void strata_copyattr(struct inode *inode)
{
	struct strata_path top = strata_i_top(inode);
	strata_idmap_t *idmap = strata_layer_idmap(top.layer);
	struct inode *real = d_inode(top.dentry);

	inode->i_uid = vfsuid_into_kuid(i_uid_into_vfsuid(idmap, real));
	inode->i_gid = vfsgid_into_kgid(i_gid_into_vfsgid(idmap, real));
	inode->i_mode = real->i_mode;
	strata_copy_inode_times(inode, real);
	i_size_write(inode, i_size_read(real));
	set_nlink(inode, strata_hl_nlink(inode, real->i_nlink));
}

/*
 * The real inode of @inode, and its layer's mapping in @idmap, for a check
 * that may run in an RCU path walk (MAY_NOT_BLOCK), racing with the inode's
 * eviction: NULL then means "ask again in ref-walk" (-ECHILD).
 */
static struct inode *strata_i_real_rcu(struct inode *inode,
				       strata_idmap_t **idmap)
{
	struct strata_path top = strata_i_top(inode);

	*idmap = strata_layer_idmap(top.layer);
	return d_inode_rcu(top.dentry);
}

static int strata_permission(strata_idmap_t *idmap, struct inode *inode,
			     int mask)
{
	strata_idmap_t *real_idmap;
	struct inode *real = strata_i_real_rcu(inode, &real_idmap);
	const struct cred *old;
	int err;

	if (!real)
		return (mask & MAY_NOT_BLOCK) ? -ECHILD : -ESTALE;
	err = generic_permission(strata_nop_idmap, inode, mask);
	if (err)
		return err;

	/*
	 * A write to a lower object is a copy-up, which reads it as the
	 * mounter; the lower object itself is never written.
	 */
	if (!strata_i_upper(inode) && !special_file(real->i_mode) &&
	    (mask & (MAY_WRITE | MAY_APPEND))) {
		mask &= ~(MAY_WRITE | MAY_APPEND);
		mask |= MAY_READ;
	}

	old = strata_override_creds(inode->i_sb);
	err = strata_do_permission(real_idmap, real, mask);
	strata_revert_creds(old);
	return err;
}

static int strata_getattr(strata_idmap_t *idmap, const struct path *path,
			  struct kstat *stat,
			  u32 request_mask, unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	struct strata_entry *e = strata_i_entry(inode);
	const struct cred *old;
	struct path real;
	int err;

	strata_i_realpath(inode, &real);
	old = strata_override_creds(inode->i_sb);
	err = strata_do_getattr(&real, stat, request_mask, flags);
	strata_revert_creds(old);
	if (err)
		return err;

	/* One device for the whole mount, and Strata's inode numbers. */
	stat->dev = inode->i_sb->s_dev;
	stat->ino = inode->i_ino;
	/* A merged directory's link count means nothing; say so, as
	 * overlayfs does, instead of showing the top layer's count.
	 */
	if (S_ISDIR(inode->i_mode) &&
	    e->num_lower + !!strata_i_upper(inode) > 1)
		stat->nlink = 1;
	/* An indexed hard link counts its names in the union. */
	stat->nlink = strata_hl_nlink(inode, stat->nlink);
	return 0;
}

static const char *strata_get_link(struct dentry *dentry, struct inode *inode,
				   struct delayed_call *done)
{
	const struct cred *old;
	const char *p;

	if (!dentry)
		return ERR_PTR(-ECHILD);
	old = strata_override_creds(inode->i_sb);
	p = strata_do_get_link(strata_i_top(inode).dentry, done);
	strata_revert_creds(old);
	return p;
}

/* Whether the caller may see @name in a listing, as on the bare fs. */
static bool strata_can_list(struct strata_fs *ofs, const char *name)
{
	if (strata_is_private_xattr(ofs, name))
		return false;
	if (!strncmp(name, XATTR_TRUSTED_PREFIX, XATTR_TRUSTED_PREFIX_LEN))
		return ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN);
	return true;
}

static ssize_t strata_listxattr(struct dentry *dentry, char *list, size_t size)
{
	struct inode *inode = d_inode(dentry);
	const struct cred *old;
	ssize_t res, len;
	char *s;

	old = strata_override_creds(inode->i_sb);
	res = strata_do_listxattr(strata_i_top(inode).dentry, list, size);
	strata_revert_creds(old);
	if (res <= 0 || !size)
		return res;

	/* Squeeze out what the caller may not see; checked with its creds. */
	for (s = list, len = res; len > 0;) {
		size_t slen = strnlen(s, len) + 1;

		if (WARN_ON_ONCE(slen > len))
			return -EIO;
		len -= slen;
		if (strata_can_list(STRATA_FS(inode->i_sb), s)) {
			s += slen;
		} else {
			res -= slen;
			memmove(s, s + slen, len);
		}
	}
	return res;
}

/* The VFS has already checked the caller's right to read @name. */
static int strata_xattr_get(const struct xattr_handler *handler,
			    struct dentry *dentry, struct inode *inode,
			    const char *name, void *buffer, size_t size)
{
	struct strata_path top;
	const struct cred *old;
	int res;

	if (strata_is_private_xattr(STRATA_FS(inode->i_sb), name))
		return -EOPNOTSUPP;
	top = strata_i_top(inode);
	old = strata_override_creds(inode->i_sb);
	res = strata_do_getxattr(strata_layer_idmap(top.layer), top.dentry,
				 name, buffer, size);
	strata_revert_creds(old);
	return res;
}

/*
 * Setting an access ACL as the mounter would not clear the setgid bit the
 * bare filesystem clears for a caller outside the file's group: clear it
 * here, as the caller.
 */
static int strata_acl_kill_sgid(struct dentry *dentry, struct inode *inode)
{
	struct iattr kill = { .ia_valid = ATTR_KILL_SGID };

	if (!(inode->i_mode & S_ISGID) || in_group_p(inode->i_gid) ||
	    capable_wrt_inode_uidgid(strata_nop_idmap, inode, CAP_FSETID))
		return 0;
	return strata_setattr(strata_nop_idmap, dentry, &kill);
}

/*
 * Where ACLs are set as xattrs (6.1), who may set one is the filesystem's
 * to decide, not the VFS's, and the real filesystem decides with the
 * mounter's credentials: so the caller is checked here.
 */
static int strata_acl_xattr_check(struct dentry *dentry, struct inode *inode,
				  const char *name, const void *value,
				  size_t size)
{
	bool is_default = !strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT);
	struct posix_acl *acl = NULL;
	int err;

	if (value) {
		acl = posix_acl_from_xattr(&init_user_ns, value, size);
		if (IS_ERR(acl))
			return PTR_ERR(acl);
	}
	err = 0;
	if (is_default && !S_ISDIR(inode->i_mode))
		err = acl ? -EACCES : 0;
	else if (!inode_owner_or_capable(strata_nop_idmap, inode))
		err = -EPERM;
	posix_acl_release(acl);
	if (err || is_default)
		return err;
	return strata_acl_kill_sgid(dentry, inode);
}

bool strata_is_acl_xattr(const char *name)
{
	return !strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) ||
	       !strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT);
}

/*
 * Removing an xattr a lower-only object does not have changes nothing:
 * answer as the object would (ENODATA), without copying it up.
 */
static int strata_xattr_remove_needs_copy_up(struct inode *inode,
					     const char *name)
{
	struct strata_path top;
	const struct cred *old;
	ssize_t res;

	if (strata_i_upper(inode))
		return 0;
	top = strata_i_top(inode);
	old = strata_override_creds(inode->i_sb);
	res = strata_do_getxattr(strata_layer_idmap(top.layer), top.dentry,
				 name, NULL, 0);
	strata_revert_creds(old);
	return res < 0 ? res : 0;
}

/*
 * The VFS has checked the caller's right to write @name (except ACLs,
 * above). The object is copied up, then the xattr is set on the upper as
 * the mounter. @value NULL means remove.
 */
static int strata_xattr_set(const struct xattr_handler *handler,
			    strata_idmap_t *idmap,
			    struct dentry *dentry, struct inode *inode,
			    const char *name, const void *value, size_t size,
			    int flags)
{
	strata_idmap_t *upper_idmap;
	const struct cred *old;
	struct dentry *upper;
	int err;

	if (strata_is_private_xattr(STRATA_FS(inode->i_sb), name))
		return -EOPNOTSUPP;
	if (strata_is_acl_xattr(name)) {
		err = strata_acl_xattr_check(dentry, inode, name, value, size);
		if (err)
			return err;
	}
	if (!value) {
		err = strata_xattr_remove_needs_copy_up(inode, name);
		if (err)
			return err;
	}
	err = strata_prepare_inode_change(dentry);
	if (err)
		return err;

	upper = strata_i_upper(inode);
	upper_idmap = strata_upper_idmap(STRATA_FS(inode->i_sb));
	old = strata_override_creds(inode->i_sb);
	if (value)
		err = strata_do_setxattr(upper_idmap, upper, name, value, size,
					 flags);
	else
		err = strata_do_removexattr(upper_idmap, upper, name);
	strata_revert_creds(old);
	strata_copyattr(inode);
	strata_drop_write(dentry->d_sb);
	return err;
}

/*
 * Attribute changes: the caller is checked against the strata inode first,
 * so a refused change never copies anything up (CVE-2015-8660); the change
 * itself is made on the upper as the mounter. Called with @dentry's inode
 * locked, as the VFS calls ->setattr.
 */
int strata_setattr(strata_idmap_t *idmap, struct dentry *dentry,
		   struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	const struct cred *old;
	struct dentry *upper;
	int err;

	err = setattr_prepare(strata_nop_idmap, dentry, attr);
	if (err)
		return err;
	err = strata_prepare_change(dentry);
	if (err)
		return err;

	/* The real filesystem works out which set-id bits to kill again, with
	 * its own inode; the strata file is not the real one.
	 */
	if (attr->ia_valid & (ATTR_KILL_SUID | ATTR_KILL_SGID))
		attr->ia_valid &= ~ATTR_MODE;
	attr->ia_valid &= ~ATTR_FILE;

	upper = strata_i_upper(inode);
	inode_lock(d_inode(upper));
	old = strata_override_creds(inode->i_sb);
	err = strata_do_setattr(strata_upper_idmap(STRATA_FS(inode->i_sb)),
				upper, attr);
	strata_revert_creds(old);
	inode_unlock(d_inode(upper));
	strata_copyattr(inode);
	strata_drop_write(dentry->d_sb);
	return err;
}

/*
 * Access times: the VFS decides (relatime and the rest) for the strata
 * inode, and the upper object follows, as in overlayfs. A lower object's
 * never changes: the layers below are read-only.
 */
static int strata_update_time(STRATA_UPDATE_TIME_ARGS)
{
	struct dentry *upper = strata_i_upper(inode);
	struct path path;

	if (!(flags & S_ATIME) || !upper)
		return 0;
	path.mnt = STRATA_FS(inode->i_sb)->upper.mnt;
	path.dentry = upper;
	strata_do_touch_atime(&path);
	strata_copy_inode_atime(inode, d_inode(upper));
	return 0;
}

static const struct xattr_handler strata_other_xattr_handler = {
	.prefix = "",	/* every name, ACLs included */
	.get = strata_xattr_get,
	.set = strata_xattr_set,
};

const struct xattr_handler *strata_xattr_handlers[] = {
	&strata_other_xattr_handler,
	NULL
};

/*
 * ACLs of the real inode drive generic_permission() on the strata inode,
 * which never caches them (ACL_DONT_CACHE): a change to the real ACL must
 * count at once.
 */
static struct posix_acl *strata_get_inode_acl(struct inode *inode, int type,
					      bool rcu)
{
	strata_idmap_t *idmap;
	struct inode *real = strata_i_real_rcu(inode, &idmap);
	const struct cred *old;
	struct posix_acl *acl;

	if (!real)
		return rcu ? ERR_PTR(-ECHILD) : ERR_PTR(-ESTALE);
	if (!IS_POSIXACL(real))
		return NULL;
	/* An idmapped layer's ACL is copied to be mapped: not in RCU walk. */
	if (rcu)
		return idmap == strata_nop_idmap ?
		       get_cached_acl_rcu(real, type) : ERR_PTR(-ECHILD);

	old = strata_override_creds(inode->i_sb);
	acl = strata_get_real_inode_acl(real, type);
	strata_revert_creds(old);
	return strata_acl_from_layer(idmap, real, acl);
}

/*
 * @acl, read from @real on a layer @idmap maps, as Strata shows it: a copy
 * whose user and group entries are mapped as the layer's owners are. The
 * real ACL may be its filesystem's cached object, so it is never changed.
 * Takes over the caller's reference to @acl.
 */
struct posix_acl *strata_acl_from_layer(strata_idmap_t *idmap,
					const struct inode *real,
					struct posix_acl *acl)
{
	struct user_namespace *fs_userns = i_user_ns(real);
	struct posix_acl *copy;
	unsigned int i;

	if (idmap == strata_nop_idmap || IS_ERR_OR_NULL(acl))
		return acl;
	copy = posix_acl_clone(acl, GFP_KERNEL);
	posix_acl_release(acl);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < copy->a_count; i++) {
		struct posix_acl_entry *e = &copy->a_entries[i];

		if (e->e_tag == ACL_USER)
			e->e_uid = vfsuid_into_kuid(make_vfsuid(idmap, fs_userns,
								e->e_uid));
		else if (e->e_tag == ACL_GROUP)
			e->e_gid = vfsgid_into_kgid(make_vfsgid(idmap, fs_userns,
								e->e_gid));
	}
	return copy;
}

static const char *strata_acl_name(int type)
{
	return type == ACL_TYPE_ACCESS ? XATTR_NAME_POSIX_ACL_ACCESS :
					 XATTR_NAME_POSIX_ACL_DEFAULT;
}

/* getfacl where ACLs have inode operations of their own (6.2+). */
struct posix_acl *strata_get_acl(strata_idmap_t *idmap, struct dentry *dentry,
				 int type)
{
	struct inode *inode = d_inode(dentry);
	struct strata_path top;
	const struct cred *old;
	struct posix_acl *acl;

	if (!IS_POSIXACL(strata_i_real(inode)))
		return NULL;
	top = strata_i_top(inode);
	old = strata_override_creds(inode->i_sb);
	acl = strata_do_get_acl(strata_layer_idmap(top.layer), top.dentry,
				strata_acl_name(type));
	strata_revert_creds(old);
	return acl;
}

/*
 * Removing an ACL a lower-only object does not have changes nothing:
 * answer as the object would (ENODATA), without copying it up.
 */
static int strata_acl_remove_needs_copy_up(struct inode *inode,
					   const char *name)
{
	struct strata_path top;
	const struct cred *old;
	struct posix_acl *acl;

	if (strata_i_upper(inode))
		return 0;
	top = strata_i_top(inode);
	old = strata_override_creds(inode->i_sb);
	acl = strata_do_get_acl(strata_layer_idmap(top.layer), top.dentry, name);
	strata_revert_creds(old);
	if (IS_ERR(acl))
		return PTR_ERR(acl);
	posix_acl_release(acl);
	return 0;
}

/*
 * setfacl where ACLs have inode operations of their own (6.2+). The VFS
 * has checked the caller (owner, default ACLs only on directories) and
 * holds the inode lock; the object is copied up and the ACL set on the
 * upper as the mounter.
 */
int strata_set_acl(strata_idmap_t *idmap, struct dentry *dentry,
		   struct posix_acl *acl, int type)
{
	struct inode *inode = d_inode(dentry);
	const struct cred *old;
	int err;

	if (!IS_POSIXACL(d_inode(STRATA_FS(inode->i_sb)->upperdir ?:
				 strata_i_top(inode).dentry)))
		return -EOPNOTSUPP;
	if (!acl) {
		err = strata_acl_remove_needs_copy_up(inode, strata_acl_name(type));
		if (err)
			return err;
	}
	if (type == ACL_TYPE_ACCESS) {
		err = strata_acl_kill_sgid(dentry, inode);
		if (err)
			return err;
	}
	err = strata_prepare_inode_change(dentry);
	if (err)
		return err;
	old = strata_override_creds(inode->i_sb);
	err = strata_do_set_acl(strata_upper_idmap(STRATA_FS(inode->i_sb)),
				strata_i_upper(inode), strata_acl_name(type),
				acl);
	strata_revert_creds(old);
	strata_copyattr(inode);
	strata_drop_write(dentry->d_sb);
	return err;
}

static const struct inode_operations strata_dir_inode_ops = {
	.lookup = strata_lookup,
	.create = strata_create,
	.mkdir = strata_mkdir,
	.mknod = strata_mknod,
	.symlink = strata_symlink,
	.link = strata_link,
	.unlink = strata_unlink,
	.rmdir = strata_rmdir,
	.rename = strata_rename,
	.permission = strata_permission,
	.setattr = strata_setattr,
	.getattr = strata_getattr,
	.update_time = strata_update_time,
	.listxattr = strata_listxattr,
	.fileattr_get = strata_fileattr_get,
	.fileattr_set = strata_fileattr_set,
	STRATA_INODE_ACL_OPS(strata_get_inode_acl, strata_get_acl,
			     strata_set_acl),
};

static const struct inode_operations strata_file_inode_ops = {
	.permission = strata_permission,
	.setattr = strata_setattr,
	.getattr = strata_getattr,
	.update_time = strata_update_time,
	.listxattr = strata_listxattr,
	.fileattr_get = strata_fileattr_get,
	.fileattr_set = strata_fileattr_set,
	STRATA_INODE_ACL_OPS(strata_get_inode_acl, strata_get_acl,
			     strata_set_acl),
};

/* Devices, fifos and sockets: no inode flags, as in overlayfs (asking the
 * LSM about them would mean opening the real device).
 */
static const struct inode_operations strata_special_inode_ops = {
	.permission = strata_permission,
	.setattr = strata_setattr,
	.getattr = strata_getattr,
	.update_time = strata_update_time,
	.listxattr = strata_listxattr,
	STRATA_INODE_ACL_OPS(strata_get_inode_acl, strata_get_acl,
			     strata_set_acl),
};

static const struct inode_operations strata_symlink_inode_ops = {
	.get_link = strata_get_link,
	.setattr = strata_setattr,
	.getattr = strata_getattr,
	.update_time = strata_update_time,
	.listxattr = strata_listxattr,
};

/*
 * A strata directory's lock is taken while the lock of a real directory
 * below it is taken too. When that real directory is itself on strata (a
 * stacked mount), both locks would share one lockdep class and look like
 * recursion; a class per stacking depth tells lockdep they are distinct.
 */
static void strata_set_lock_class(struct inode *inode)
{
#ifdef CONFIG_LOCKDEP
	static struct lock_class_key dir_key[FILESYSTEM_MAX_STACK_DEPTH];
	static struct lock_class_key nondir_key[FILESYSTEM_MAX_STACK_DEPTH];
	static struct lock_class_key copyup_key[FILESYSTEM_MAX_STACK_DEPTH];
	int depth = inode->i_sb->s_stack_depth - 1;

	if (WARN_ON_ONCE(depth < 0 || depth >= FILESYSTEM_MAX_STACK_DEPTH))
		depth = 0;
	lockdep_set_class(&inode->i_rwsem, S_ISDIR(inode->i_mode) ?
			  &dir_key[depth] : &nondir_key[depth]);
	lockdep_set_class(&STRATA_I(inode)->copyup_lock, &copyup_key[depth]);
#endif
}

/* Fills a new inode; it takes over the references in @upper and @e. */
static void strata_inode_init(struct inode *inode, struct dentry *upper,
			      struct strata_entry *e, unsigned int flags)
{
	struct strata_fs *ofs = STRATA_FS(inode->i_sb);
	bool indexed = flags & STRATA_GI_INDEXED;
	struct inode *real;
	bool origin;
	umode_t mode;

	STRATA_I(inode)->entry = e;
	STRATA_I(inode)->upper = upper;
	if (indexed)
		strata_hl_init(inode);
	real = strata_i_real(inode);
	mode = real->i_mode;
	inode->i_ino = strata_inode_ino(ofs, upper, e, indexed, &origin);
	if (origin && !S_ISDIR(mode))
		set_bit(STRATA_I_ORIGIN, &STRATA_I(inode)->flags);
	inode->i_mode = mode;
	inode->i_flags |= S_NOCMTIME;
	inode->i_acl = inode->i_default_acl = ACL_DONT_CACHE;
	strata_copyattr(inode);
	if (upper)
		strata_read_protattr(inode, upper);
	strata_mirror_flags(inode);
	strata_set_lock_class(inode);

	switch (mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &strata_dir_inode_ops;
		inode->i_fop = &strata_dir_ops;
		break;
	case S_IFREG:
		inode->i_op = &strata_file_inode_ops;
		inode->i_fop = &strata_file_ops;
		break;
	case S_IFLNK:
		inode->i_op = &strata_symlink_inode_ops;
		break;
	default:
		inode->i_op = &strata_special_inode_ops;
		init_special_inode(inode, mode, real->i_rdev);
		break;
	}
}

static int strata_inode_test(struct inode *inode, void *real)
{
	return inode->i_private == real;
}

static int strata_inode_set(struct inode *inode, void *real)
{
	inode->i_private = real;
	return 0;
}

/**
 * strata_get_inode - the strata inode for a set of real objects
 * @sb:    strata super block
 * @upper: the upper dentry, or NULL; always consumed
 * @e:     the lower objects, top first; always consumed
 * @flags: STRATA_GI_BY_LOWER: hash by the lower inode, for a lower hard
 *         link that index=on keeps whole; STRATA_GI_INDEXED: @upper is
 *         its index entry (hardlinks.c)
 *
 * Non-directories are hashed by their topmost real inode, so hard links
 * share one strata inode; copy-up moves an inode to its new key (see
 * strata_inode_rehash()). A directory is reached by one name only and gets
 * an inode of its own, and so does each name of a lower hard link when the
 * union is writable without index=on.
 */
struct inode *strata_get_inode(struct super_block *sb, struct dentry *upper,
			       struct strata_entry *e, unsigned int flags)
{
	struct inode *real = d_inode(upper ?: e->lower[0].dentry);
	struct inode *key = real;
	struct inode *inode;

	/*
	 * Directories, and lower hard links under a writable union: copy-up
	 * breaks a lower link (as in overlayfs without an index), so each
	 * name gets an inode of its own.
	 */
	if (S_ISDIR(real->i_mode) ||
	    (!upper && real->i_nlink > 1 && STRATA_FS(sb)->upper.mnt &&
	     !(flags & STRATA_GI_BY_LOWER))) {
		inode = new_inode(sb);
		if (!inode)
			goto out_nomem;
		strata_inode_init(inode, upper, e, flags);
		return inode;
	}

	if (flags & STRATA_GI_BY_LOWER)
		key = d_inode(e->lower[0].dentry);
	inode = iget5_locked(sb, (unsigned long)key, strata_inode_test,
			     strata_inode_set, key);
	if (!inode)
		goto out_nomem;
	if (inode->i_state & I_NEW) {
		strata_inode_init(inode, upper, e, flags);
		unlock_new_inode(inode);
	} else {
		dput(upper);
		strata_entry_free(e);
	}
	return inode;

out_nomem:
	dput(upper);
	strata_entry_free(e);
	return ERR_PTR(-ENOMEM);
}

/*
 * After copy-up a non-directory is found by its upper inode: a hard link
 * to the same lower inode elsewhere must not reach this copy (copy-up
 * breaks lower hard links, as in overlayfs).
 */
void strata_inode_rehash(struct inode *inode)
{
	struct inode *real = d_inode(strata_i_upper(inode));

	/* An indexed copy stays where all its names find it: by its lower. */
	if (S_ISDIR(inode->i_mode) || strata_i_indexed(inode))
		return;
	remove_inode_hash(inode);
	inode->i_private = real;
	__insert_inode_hash(inode, (unsigned long)real);
}
