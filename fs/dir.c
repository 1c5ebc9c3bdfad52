// SPDX-License-Identifier: GPL-2.0-only
/*
 * Namespace operations: create, mkdir, mknod, symlink, link, unlink, rmdir
 * and rename, with the whiteouts and opaque directories that keep lower
 * objects hidden where the merged view says they are gone.
 *
 * Every change lands in the upper layer, whose parent directory is copied
 * up first. A change that replaces something in the upper (a whiteout by a
 * new object, an object by a whiteout) is built in WORKDIR/work and swapped
 * in with one rename, so the upper never shows a half-done state.
 *
 * Locking: the VFS holds the strata parents' i_rwsem (and strata's rename
 * lock for rename). Under them Strata takes the upper parent's lock, or
 * lock_rename() of two upper directories (work and the parent, or the two
 * parents), and re-looks the name up there: the strata dentry says what was
 * seen, the upper lookup what is there now; a disagreement is -ESTALE.
 */
#include "strata.h"
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <linux/security.h>
#include <linux/slab.h>

/**
 * strata_create_real - create an object in a real directory
 * @ofs:  the mount; @dir is on its upper (or work)
 * @dir:  the real directory, locked by the caller
 * @new:  a negative dentry in @dir
 * @attr: what to create
 */
int strata_create_real(struct strata_fs *ofs, struct inode *dir,
		       struct dentry *new, const struct strata_cattr *attr)
{
	strata_idmap_t *idmap = strata_upper_idmap(ofs);
	int err;

	lockdep_assert_held_write(&dir->i_rwsem);
	if (attr->hardlink)
		return strata_do_link(idmap, attr->hardlink, dir, new);

	switch (attr->mode & S_IFMT) {
	case S_IFREG:
		err = strata_do_create(idmap, dir, new, attr->mode);
		break;
	case S_IFDIR:
		err = strata_do_mkdir(idmap, dir, new, attr->mode);
		break;
	case S_IFLNK:
		err = strata_do_symlink(idmap, dir, new, attr->link);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = strata_do_mknod(idmap, dir, new, attr->mode, attr->rdev);
		break;
	default:
		return -EPERM;
	}
	/* Some filesystems leave the dentry unhashed after mkdir. */
	if (!err && (d_unhashed(new) || d_is_negative(new)))
		err = -EIO;
	return err;
}

/*
 * Credentials for creating: the mounter's, with the caller's fsuid and
 * fsgid so that the new object belongs to the caller, as on the bare
 * filesystem. Returns the caller's credentials, to pass with @new to
 * strata_revert_creator_creds().
 */
static const struct cred *strata_creator_creds(struct dentry *dentry,
					       umode_t mode, struct cred **new)
{
	kuid_t fsuid = current_fsuid();
	kgid_t fsgid = current_fsgid();
	const struct cred *caller = current_cred();
	const struct cred *old;
	int err;

	old = strata_override_creds(dentry->d_sb);
	*new = prepare_creds();
	if (!*new) {
		strata_revert_creds(old);
		return ERR_PTR(-ENOMEM);
	}
	(*new)->fsuid = fsuid;
	(*new)->fsgid = fsgid;
	err = security_dentry_create_files_as(dentry, mode, &dentry->d_name,
					      caller, *new);
	/* Back to the caller's, then @new in their place: pairs stay pairs. */
	strata_revert_creds(old);
	if (err) {
		put_cred(*new);
		return ERR_PTR(err);
	}
	return strata_install_creds(*new);
}

/* Undoes strata_creator_creds(). */
static void strata_revert_creator_creds(const struct cred *old,
					struct cred *new)
{
	strata_revert_creds(old);
	put_cred(new);
}

/*
 * The attributes an object made in work must get, since work is not its
 * parent @dir, a real directory on the upper @ofs: mode after default ACLs
 * and umask, and the group of a setgid parent. The ACLs to set come back in
 * @acl and @default_acl, as the upper's mapping shows them.
 */
static int strata_cattr_for_work(struct strata_fs *ofs, struct inode *dir,
				 struct strata_cattr *attr,
				 struct posix_acl **acl,
				 struct posix_acl **default_acl)
{
	strata_idmap_t *idmap = strata_upper_idmap(ofs);
	int err;

	*acl = *default_acl = NULL;
	if (attr->hardlink)
		return 0;
	err = posix_acl_create(dir, &attr->mode, default_acl, acl);
	if (err)
		return err;
	*acl = strata_acl_from_layer(idmap, dir, *acl);
	*default_acl = strata_acl_from_layer(idmap, dir, *default_acl);
	if (IS_ERR(*acl) || IS_ERR(*default_acl)) {
		err = PTR_ERR(IS_ERR(*acl) ? *acl : *default_acl);
		goto out_release;
	}
	if (!IS_POSIXACL(dir))
		attr->mode &= ~current_umask();
	if ((dir->i_mode & S_ISGID) && S_ISDIR(attr->mode))
		attr->mode |= S_ISGID;
	return 0;

out_release:
	if (!IS_ERR(*acl))
		posix_acl_release(*acl);
	if (!IS_ERR(*default_acl))
		posix_acl_release(*default_acl);
	*acl = *default_acl = NULL;
	return err;
}

/* Gives a new object in work the ACL @acl (none if NULL). */
static int strata_set_new_acl(struct strata_fs *ofs, struct dentry *real,
			      const char *name, struct posix_acl *acl)
{
	strata_idmap_t *idmap = strata_upper_idmap(ofs);
	size_t size;
	void *buf;
	int err;

	if (!acl)
		return 0;
	if (!STRATA_ACL_OPS_IN_XATTR)
		return strata_do_set_acl(idmap, real, name, acl);
	size = posix_acl_xattr_size(acl->a_count);
	buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = posix_acl_to_xattr(&init_user_ns, acl, buf, size);
	if (err >= 0)
		err = strata_do_setxattr(idmap, real, name, buf, size, 0);
	kfree(buf);
	return err;
}

/* Gives an object made in work what its parent would have given it. */
static int strata_finish_in_work(struct strata_fs *ofs, struct dentry *dir,
				 struct dentry *temp,
				 const struct strata_cattr *attr)
{
	struct iattr iattr = { .ia_valid = ATTR_MODE, .ia_mode = attr->mode };
	struct posix_acl *acl, *default_acl;
	struct strata_cattr tmp = *attr;
	int err;

	if (attr->hardlink)
		return 0;
	err = strata_cattr_for_work(ofs, d_inode(dir), &tmp, &acl, &default_acl);
	if (err)
		return err;
	iattr.ia_mode = tmp.mode;
	if ((d_inode(dir)->i_mode & S_ISGID)) {
		iattr.ia_valid |= ATTR_GID;
		iattr.ia_vfsgid = i_gid_into_vfsgid(strata_upper_idmap(ofs),
						    d_inode(dir));
	}
	/* A symlink's mode is fixed, but it takes a setgid parent's group. */
	if (S_ISLNK(attr->mode))
		iattr.ia_valid &= ~ATTR_MODE;
	if (iattr.ia_valid) {
		inode_lock(d_inode(temp));
		err = strata_do_setattr(strata_upper_idmap(ofs), temp, &iattr);
		inode_unlock(d_inode(temp));
	}
	if (!err)
		err = strata_set_new_acl(ofs, temp, XATTR_NAME_POSIX_ACL_ACCESS,
					 acl);
	if (!err)
		err = strata_set_new_acl(ofs, temp, XATTR_NAME_POSIX_ACL_DEFAULT,
				     default_acl);
	if (!err && S_ISDIR(attr->mode))
		err = strata_set_opaque(ofs, temp);
	posix_acl_release(acl);
	posix_acl_release(default_acl);
	return err;
}

/*
 * Creates the object in work and exchanges it with the whiteout at its
 * name, then removes the whiteout. A directory made here is opaque: the
 * lower directories the whiteout hid must stay hidden. On success *@made
 * references the new upper object.
 */
static int strata_create_over_whiteout(struct strata_fs *ofs,
				       struct dentry *dentry,
				       struct dentry *upperdir,
				       const struct strata_cattr *attr,
				       struct dentry **made)
{
	struct inode *wdir = d_inode(ofs->work);
	struct dentry *temp, *target, *trap;
	int err;

	inode_lock_nested(wdir, I_MUTEX_PARENT);
	temp = strata_work_temp(ofs);
	err = PTR_ERR_OR_ZERO(temp);
	if (!err)
		err = strata_create_real(ofs, wdir, temp, attr);
	inode_unlock(wdir);
	if (err)
		goto out_dput;
	err = strata_finish_in_work(ofs, upperdir, temp, attr);
	if (err)
		goto out_cleanup;

	trap = strata_do_lock_rename(ofs->work, upperdir);
	err = PTR_ERR(trap);
	if (IS_ERR(trap))
		goto out_cleanup;
	target = strata_do_lookup_locked(strata_upper_idmap(ofs),
					 dentry->d_name.name,
					 dentry->d_name.len, upperdir);
	err = PTR_ERR(target);
	if (IS_ERR(target))
		goto out_unlock;
	err = -ESTALE;
	if (strata_is_whiteout(target) && target != trap && temp != trap)
		err = strata_do_rename(strata_upper_idmap(ofs), wdir, temp,
				       d_inode(upperdir), target,
				       RENAME_EXCHANGE);
	strata_do_unlock_rename(ofs->work, upperdir);
	/* Exchanged: @target is the whiteout, now in work; @temp is in place. */
	if (!err)
		strata_work_cleanup(ofs, target);
	dput(target);
	if (err)
		goto out_cleanup;
	*made = dget(temp);
	goto out_dput;

out_unlock:
	strata_do_unlock_rename(ofs->work, upperdir);
out_cleanup:
	strata_work_cleanup(ofs, temp);
out_dput:
	if (!IS_ERR(temp))
		dput(temp);
	return err;
}

/*
 * Creates the object at @dentry's name in @upperdir: directly where the
 * name is free, over the whiteout where there is one. As the creator.
 */
static int strata_create_upper(struct strata_fs *ofs, struct dentry *dentry,
			       struct dentry *upperdir,
			       const struct strata_cattr *attr,
			       struct dentry **made)
{
	struct inode *udir = d_inode(upperdir);
	struct dentry *new;
	int err;

	inode_lock_nested(udir, I_MUTEX_PARENT);
	new = strata_do_lookup_locked(strata_upper_idmap(ofs),
				      dentry->d_name.name, dentry->d_name.len,
				      upperdir);
	if (IS_ERR(new)) {
		inode_unlock(udir);
		return PTR_ERR(new);
	}
	if (d_is_negative(new)) {
		err = strata_create_real(ofs, udir, new, attr);
		/*
		 * With index=on the lowers may not change offline, and
		 * overlayfs then marks a new directory in a merged one opaque
		 * (a lookup need not look below it); a failure is harmless.
		 */
		if (!err && S_ISDIR(attr->mode) && ofs->indexdir &&
		    strata_i_has_lower(strata_parent_inode(dentry)))
			strata_set_opaque(ofs, new);
		inode_unlock(udir);
		if (!err)
			*made = dget(new);
	} else {
		inode_unlock(udir);
		err = strata_is_whiteout(new) ?
			strata_create_over_whiteout(ofs, dentry, upperdir,
						    attr, made) :
			-ESTALE;	/* an object strata did not see */
	}
	dput(new);
	return err;
}

/*
 * The strata inode for a new upper object, attached to @dentry: a new
 * one, or for a hard link @linked, the inode it joins.
 */
static int strata_instantiate(struct dentry *dentry, struct dentry *upper,
			      struct inode *linked)
{
	struct strata_entry *e;
	struct inode *inode;

	set_bit(STRATA_D_UPPER_ALIAS, strata_d_flags(dentry));
	if (linked) {
		dput(upper);
		ihold(linked);
		strata_copyattr(linked);	/* its nlink changed */
		d_instantiate(dentry, linked);
		return 0;
	}
	e = strata_entry_alloc(0);
	if (!e) {
		dput(upper);
		return -ENOMEM;
	}
	inode = strata_get_inode(dentry->d_sb, upper, e, 0);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	d_instantiate(dentry, inode);
	return 0;
}

/* Creates @attr at @dentry, a negative strata dentry whose parent is locked. */
static int strata_create_object(struct dentry *dentry,
				struct strata_cattr *attr)
{
	struct strata_fs *ofs = STRATA_FS(dentry->d_sb);
	struct dentry *parent = dentry->d_parent;
	struct dentry *made = NULL;
	const struct cred *old;
	struct cred *creator;
	int err;

	err = strata_prepare_change(parent);
	if (err)
		return err;
	if (attr->impure) {
		err = strata_set_impure(d_inode(parent));
		if (err)
			goto out_drop_write;
	}

	old = strata_creator_creds(dentry, attr->mode, &creator);
	err = PTR_ERR_OR_ZERO(old);
	if (err)
		goto out_drop_write;
	err = strata_create_upper(ofs, dentry, strata_i_upper(d_inode(parent)),
				  attr, &made);
	strata_revert_creator_creds(old, creator);
	if (!err)
		err = strata_instantiate(dentry, made, attr->inode);
	strata_dir_changed(d_inode(parent));
	strata_copyattr(d_inode(parent));
out_drop_write:
	strata_drop_write(dentry->d_sb);
	return err;
}

int strata_create(strata_idmap_t *idmap, struct inode *dir,
		  struct dentry *dentry, umode_t mode, bool excl)
{
	struct strata_cattr attr = { .mode = (mode & 07777) | S_IFREG };

	return strata_create_object(dentry, &attr);
}

int strata_mkdir(strata_idmap_t *idmap, struct inode *dir,
		 struct dentry *dentry, umode_t mode)
{
	struct strata_cattr attr = { .mode = (mode & 07777) | S_IFDIR };

	return strata_create_object(dentry, &attr);
}

int strata_mknod(strata_idmap_t *idmap, struct inode *dir,
		 struct dentry *dentry, umode_t mode, dev_t rdev)
{
	struct strata_cattr attr = { .mode = mode, .rdev = rdev };

	/* A whiteout made through strata would hide, not show, a name. */
	if (S_ISCHR(mode) && rdev == WHITEOUT_DEV)
		return -EPERM;
	return strata_create_object(dentry, &attr);
}

int strata_symlink(strata_idmap_t *idmap, struct inode *dir,
		   struct dentry *dentry, const char *target)
{
	struct strata_cattr attr = { .mode = S_IFLNK | 0777, .link = target };

	return strata_create_object(dentry, &attr);
}

/*
 * A lower file is copied up once, then linked in the upper. The new name
 * joins @old's inode; an indexed one counts it (hardlinks.c).
 */
int strata_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = d_inode(old);
	struct strata_cattr attr = { .mode = inode->i_mode, .inode = inode };
	int err;

	err = strata_prepare_name_change(old, inode);
	if (err)
		return err;
	strata_drop_write(old->d_sb);
	attr.hardlink = strata_i_upper(inode);
	attr.impure = test_bit(STRATA_I_ORIGIN, &STRATA_I(inode)->flags);
	return strata_create_object(new, &attr);
}

/*
 * Whether @real is the upper object of @inode. Inodes are compared, not
 * dentries: hard links share one strata inode but each name has its own
 * upper dentry.
 */
static bool strata_is_upper_of(struct inode *inode, struct dentry *real)
{
	return d_inode(real) == d_inode(strata_i_upper(inode));
}

/*
 * Looks up @dentry's name in its locked upper parent and checks that it is
 * still the object the strata inode knows; returns it referenced.
 */
static struct dentry *strata_lookup_upper_of(struct dentry *dentry,
					     struct dentry *upperdir)
{
	struct inode *inode = d_inode(dentry);
	struct dentry *real;

	real = strata_do_lookup_locked(strata_upper_idmap(STRATA_FS(dentry->d_sb)),
				       dentry->d_name.name,
				       dentry->d_name.len, upperdir);
	if (!IS_ERR(real) && inode && strata_i_upper(inode) &&
	    !strata_is_upper_of(inode, real)) {
		dput(real);
		real = ERR_PTR(-ESTALE);
	}
	return real;
}

/*
 * Moves @dentry's upper object out of the upper into work, leaving a
 * whiteout if @whiteout, and removes it there. One rename does the swap, so
 * the name never shows what is below it unless @whiteout is false, which
 * means nothing is below it.
 */
static int strata_remove_upper_moving(struct strata_fs *ofs,
				      struct dentry *dentry,
				      struct dentry *upperdir, bool whiteout)
{
	struct inode *wdir = d_inode(ofs->work);
	struct dentry *temp, *real, *trap;
	unsigned int flags = 0;
	int err;

	if (whiteout) {
		temp = strata_work_whiteout(ofs);
		/* A whiteout may replace a file, but only swap with a dir. */
		flags = d_is_dir(dentry) ? RENAME_EXCHANGE : 0;
	} else {
		inode_lock_nested(wdir, I_MUTEX_PARENT);
		temp = strata_work_temp(ofs);
		inode_unlock(wdir);
	}
	if (IS_ERR(temp))
		return PTR_ERR(temp);

	trap = strata_do_lock_rename(ofs->work, upperdir);
	err = PTR_ERR(trap);
	if (IS_ERR(trap))
		goto out_cleanup;
	real = strata_lookup_upper_of(dentry, upperdir);
	err = PTR_ERR(real);
	if (IS_ERR(real))
		goto out_unlock;
	err = -ESTALE;
	if (real != trap && temp != trap && d_is_positive(real)) {
		if (whiteout)
			err = strata_do_rename(strata_upper_idmap(ofs), wdir,
					       temp, d_inode(upperdir), real,
					       flags);
		else
			err = strata_do_rename(strata_upper_idmap(ofs),
					       d_inode(upperdir), real, wdir,
					       temp, 0);
	}
	strata_do_unlock_rename(ofs->work, upperdir);
	/* Whatever sits in work now goes: the old object after a move or an
	 * exchange, or the unused whiteout. A whiteout renamed over a file
	 * leaves nothing behind.
	 */
	if (!err && (flags || !whiteout))
		strata_work_cleanup(ofs, real);
	else if (err && whiteout)
		strata_work_cleanup(ofs, temp);
	dput(real);
	dput(temp);
	return err;

out_unlock:
	strata_do_unlock_rename(ofs->work, upperdir);
out_cleanup:
	if (whiteout)
		strata_work_cleanup(ofs, temp);
	dput(temp);
	return err;
}

/* What strata_change_in_place() does to a name in the upper. */
enum strata_in_place {
	STRATA_UNLINK,		/* remove the upper object; nothing is below */
	STRATA_RMDIR,		/* the same for a directory */
	STRATA_WHITEOUT,	/* hide a lower-only object */
};

/*
 * Changes @dentry's name in its upper parent with one call, which is
 * atomic by itself, under the parent's lock.
 */
static int strata_change_in_place(struct dentry *dentry,
				  struct dentry *upperdir,
				  enum strata_in_place op)
{
	strata_idmap_t *idmap = strata_upper_idmap(STRATA_FS(dentry->d_sb));
	struct inode *udir = d_inode(upperdir);
	struct dentry *real;
	int err;

	inode_lock_nested(udir, I_MUTEX_PARENT);
	real = strata_lookup_upper_of(dentry, upperdir);
	err = PTR_ERR(real);
	if (!IS_ERR(real)) {
		err = -ESTALE;	/* not what strata saw there */
		if (op == STRATA_WHITEOUT && d_is_negative(real))
			err = strata_do_whiteout(idmap, udir, real);
		else if (op == STRATA_RMDIR && d_is_positive(real))
			err = strata_do_rmdir(idmap, udir, real);
		else if (op == STRATA_UNLINK && d_is_positive(real))
			err = strata_do_unlink(idmap, udir, real);
		dput(real);
	}
	inode_unlock(udir);
	return err;
}

/*
 * unlink and rmdir. The name gets a whiteout exactly when a lower layer
 * shows it; a directory must look empty in the merged view, and the
 * whiteouts in its upper part go with it.
 */
static int strata_remove(struct inode *dir, struct dentry *dentry, bool is_dir)
{
	struct strata_fs *ofs = STRATA_FS(dentry->d_sb);
	struct inode *inode = d_inode(dentry);
	bool has_whiteouts = false;
	struct dentry *upperdir;
	const struct cred *old;
	int lower, err;

	if (is_dir) {
		err = strata_dir_check_empty(dentry, &has_whiteouts);
		if (err)
			return err;
	}
	lower = strata_lower_positive(dentry);
	if (lower < 0)
		return lower;

	/* A name of an indexed file leaves as a link the upper drops. */
	err = strata_prepare_name_change(strata_hl_needs_link_up(dentry) ?
					 dentry : dentry->d_parent, inode);
	if (err)
		return err;

	upperdir = strata_i_upper(dir);
	old = strata_override_creds(dentry->d_sb);
	if (!strata_i_upper(inode)) {
		err = strata_change_in_place(dentry, upperdir, STRATA_WHITEOUT);
		/* A copy-up (an open for writing elsewhere) put the object in
		 * the upper meanwhile: remove that instead.
		 */
		if (err == -ESTALE && strata_i_upper(inode))
			err = strata_remove_upper_moving(ofs, dentry, upperdir,
							 lower);
	} else if (lower || has_whiteouts) {
		err = strata_remove_upper_moving(ofs, dentry, upperdir, lower);
	} else {
		err = strata_change_in_place(dentry, upperdir, is_dir ?
					     STRATA_RMDIR : STRATA_UNLINK);
	}
	strata_revert_creds(old);

	if (!err) {
		if (is_dir)
			clear_nlink(inode);
		else if (strata_i_upper(inode))
			strata_copyattr(inode);
		else
			drop_nlink(inode);
	}
	strata_dir_changed(dir);
	strata_copyattr(dir);
	strata_drop_write(dentry->d_sb);
	if (!err)
		strata_hl_after_change(inode);
	return err;
}

int strata_unlink(struct inode *dir, struct dentry *dentry)
{
	return strata_remove(dir, dentry, false);
}

int strata_rmdir(struct inode *dir, struct dentry *dentry)
{
	return strata_remove(dir, dentry, true);
}

/* What one rename works with. */
struct strata_rename {
	struct strata_fs *ofs;
	struct dentry *old, *new;	/* strata dentries */
	struct dentry *old_upperdir, *new_upperdir;
	struct dentry *old_real, *new_real;	/* looked up under lock */
	struct dentry *cleared;		/* new's upper, emptied and opaque */
	unsigned int flags;		/* for the upper rename */
	bool overwrite;
	bool old_lower;			/* a lower layer shows old's name */
	bool cleanup_whiteout;		/* a whiteout lands at old's name */
};

/* Checks the upper objects found under lock against what strata knows. */
static int strata_rename_check(struct strata_rename *r, struct dentry *trap)
{
	struct inode *new_inode = d_inode(r->new);

	if (r->old_real == trap || r->new_real == trap)
		return -ESTALE;
	if (!strata_is_upper_of(d_inode(r->old), r->old_real))
		return -ESTALE;
	if (new_inode && r->cleared) {
		if (r->new_real != r->cleared)
			return -ESTALE;
	} else if (new_inode && strata_i_upper(new_inode)) {
		if (!strata_is_upper_of(new_inode, r->new_real))
			return -ESTALE;
	} else if (d_is_positive(r->new_real)) {
		if (!strata_is_whiteout(r->new_real))
			return -ESTALE;
	} else if (!r->overwrite) {
		return -ESTALE;
	}
	if (d_inode(r->old_real) == d_inode(r->new_real))
		return -ESTALE;	/* hard links of one inode: the VFS's case */
	return 0;
}

/*
 * Picks the upper rename's flags: a lower object at old's name needs a
 * whiteout left behind (or, over a whiteout, the two swapped); a directory
 * can only replace a whiteout by swapping with it.
 */
static void strata_rename_flags(struct strata_rename *r)
{
	bool new_wh = strata_is_whiteout(r->new_real);

	if (!r->overwrite)
		return;
	if (r->old_lower) {
		r->flags |= new_wh ? RENAME_EXCHANGE : RENAME_WHITEOUT;
	} else if (d_is_dir(r->old) && new_wh) {
		r->flags |= RENAME_EXCHANGE;
		r->cleanup_whiteout = true;
	}
}

/*
 * A directory that exists only in the upper, moved under a merged parent,
 * must hide what the lowers hold under its new name.
 */
static int strata_rename_opaque(struct strata_rename *r)
{
	int err = 0;

	if (d_is_dir(r->old) &&
	    strata_i_has_lower(strata_parent_inode(r->new)))
		err = strata_set_opaque(r->ofs, r->old_real);
	if (!err && !r->overwrite && d_is_dir(r->new) &&
	    strata_i_has_lower(strata_parent_inode(r->old)))
		err = strata_set_opaque(r->ofs, r->new_real);
	return err;
}

/* The upper rename itself, under lock_rename() of the two upper parents. */
static int strata_rename_upper(struct strata_rename *r)
{
	strata_idmap_t *idmap = strata_upper_idmap(r->ofs);
	struct dentry *trap;
	int err;

	trap = strata_do_lock_rename(r->new_upperdir, r->old_upperdir);
	if (IS_ERR(trap))
		return PTR_ERR(trap);
	r->old_real = strata_do_lookup_locked(idmap, r->old->d_name.name,
					      r->old->d_name.len,
					      r->old_upperdir);
	err = PTR_ERR(r->old_real);
	if (IS_ERR(r->old_real))
		goto out_unlock;
	r->new_real = strata_do_lookup_locked(idmap, r->new->d_name.name,
					      r->new->d_name.len,
					      r->new_upperdir);
	err = PTR_ERR(r->new_real);
	if (IS_ERR(r->new_real))
		goto out_dput_old;

	err = strata_rename_check(r, trap);
	if (!err) {
		strata_rename_flags(r);
		err = strata_rename_opaque(r);
	}
	if (!err)
		err = strata_do_rename(idmap, d_inode(r->old_upperdir),
				       r->old_real, d_inode(r->new_upperdir),
				       r->new_real, r->flags);
	/* Swapped with a whiteout that no lower object needs: drop it. */
	if (!err && r->cleanup_whiteout)
		strata_do_unlink(idmap, d_inode(r->old_upperdir), r->new_real);
	dput(r->new_real);
out_dput_old:
	dput(r->old_real);
out_unlock:
	strata_do_unlock_rename(r->new_upperdir, r->old_upperdir);
	return err;
}

/*
 * Replaces the upper part of @dir, a merged directory that looks empty but
 * holds whiteouts, with an empty opaque directory, so that a directory can
 * be renamed over it. One exchange does it; the old part is then removed
 * from work. Returns the new upper directory, referenced.
 */
static struct dentry *strata_clear_empty(struct strata_fs *ofs,
					 struct dentry *dir,
					 struct dentry *upperdir)
{
	struct inode *wdir = d_inode(ofs->work);
	struct dentry *upper = strata_i_upper(d_inode(dir));
	struct strata_cattr attr = { .mode = S_IFDIR };
	struct dentry *temp, *real, *trap;
	struct kstat stat;
	struct path path = { .mnt = ofs->upper.mnt, .dentry = upper };
	int err;

	err = strata_do_getattr(&path, &stat, STATX_BASIC_STATS,
				AT_STATX_SYNC_AS_STAT);
	if (err)
		return ERR_PTR(err);
	inode_lock_nested(wdir, I_MUTEX_PARENT);
	temp = strata_work_temp(ofs);
	err = PTR_ERR_OR_ZERO(temp);
	if (!err)
		err = strata_create_real(ofs, wdir, temp, &attr);
	inode_unlock(wdir);
	if (err)
		goto out_dput;
	err = strata_copy_up_xattrs(ofs, &path, temp);
	if (!err)
		err = strata_set_opaque(ofs, temp);
	if (!err)
		err = strata_copy_attrs(ofs, temp, &stat);
	if (err)
		goto out_cleanup;

	trap = strata_do_lock_rename(ofs->work, upperdir);
	err = PTR_ERR(trap);
	if (IS_ERR(trap))
		goto out_cleanup;
	real = strata_lookup_upper_of(dir, upperdir);
	err = PTR_ERR(real);
	if (!IS_ERR(real)) {
		err = -ESTALE;
		if (real != trap && temp != trap)
			err = strata_do_rename(strata_upper_idmap(ofs), wdir,
					       temp, d_inode(upperdir), real,
					       RENAME_EXCHANGE);
	}
	strata_do_unlock_rename(ofs->work, upperdir);
	if (IS_ERR(real))
		goto out_cleanup;
	if (!err)
		strata_work_cleanup(ofs, real);	/* the old part, now in work */
	dput(real);
	if (!err) {
		/* @dir's inode still names the old part: whether the rename
		 * succeeds or fails, the next lookup must find the new one.
		 */
		d_drop(dir);
		return temp;
	}
out_cleanup:
	strata_work_cleanup(ofs, temp);
out_dput:
	if (!IS_ERR(temp))
		dput(temp);
	return ERR_PTR(err);
}

/*
 * Copies up what the rename needs in the upper; as the caller's checks
 * allow. A name of an indexed file that the rename replaces leaves as a
 * link the upper drops (hardlinks.c).
 */
static int strata_rename_prepare(struct strata_rename *r)
{
	int err;

	err = strata_copy_up(r->old);
	if (!err)
		err = strata_copy_up(r->new->d_parent);
	if (!err && d_inode(r->new) &&
	    (!r->overwrite || strata_hl_needs_link_up(r->new)))
		err = strata_copy_up(r->new);
	if (!err && r->overwrite && d_inode(r->new))
		err = strata_hl_before_change(d_inode(r->new));
	return err;
}

/*
 * An object numbered by its origin that moves to another directory makes
 * that directory impure (origin.c); both ways for an exchange.
 */
static int strata_rename_impure(struct strata_rename *r, struct inode *olddir,
				struct inode *newdir)
{
	int err = 0;

	if (olddir == newdir)
		return 0;
	if (test_bit(STRATA_I_ORIGIN, &STRATA_I(d_inode(r->old))->flags))
		err = strata_set_impure(newdir);
	if (!err && !r->overwrite &&
	    test_bit(STRATA_I_ORIGIN, &STRATA_I(d_inode(r->new))->flags))
		err = strata_set_impure(olddir);
	return err;
}

/* After the rename: link counts and the mirrored attributes. */
static void strata_rename_done(struct strata_rename *r, struct inode *olddir,
			       struct inode *newdir, struct inode *new_inode)
{
	if (r->overwrite && new_inode) {
		if (S_ISDIR(new_inode->i_mode))
			clear_nlink(new_inode);
		else if (strata_i_upper(new_inode))
			strata_copyattr(new_inode);
		else
			drop_nlink(new_inode);
	}
	strata_copyattr(d_inode(r->old));
	if (!r->overwrite)
		strata_copyattr(new_inode);
	strata_copyattr(olddir);
	strata_copyattr(newdir);
}

int strata_rename(strata_idmap_t *idmap, struct inode *olddir,
		  struct dentry *old, struct inode *newdir, struct dentry *new,
		  unsigned int flags)
{
	struct strata_rename r = {
		.ofs = STRATA_FS(old->d_sb),
		.old = old,
		.new = new,
		.flags = flags & RENAME_EXCHANGE,
		.overwrite = !(flags & RENAME_EXCHANGE),
	};
	struct inode *new_inode = d_inode(new);
	bool has_whiteouts = false;
	const struct cred *cred;
	int lower, err;

	if (flags & ~(RENAME_EXCHANGE | RENAME_NOREPLACE))
		return -EINVAL;
	/* A directory with lower parts cannot move: there are no redirects,
	 * so mv(1) falls back to copying, as with overlayfs by default.
	 */
	if (d_is_dir(old) && strata_i_has_lower(d_inode(old)))
		return -EXDEV;
	if (!r.overwrite && d_is_dir(new) && strata_i_has_lower(new_inode))
		return -EXDEV;
	if (r.overwrite && new_inode && d_is_dir(new)) {
		err = strata_dir_check_empty(new, &has_whiteouts);
		/* A directory with no lower part that holds entries: its own
		 * filesystem answers (ENOTEMPTY, or EEXIST on xfs), as through
		 * overlayfs, and nothing of it is cleared.
		 */
		if (err == -ENOTEMPTY && !strata_i_has_lower(new_inode)) {
			err = 0;
			has_whiteouts = false;
		}
		if (err)
			return err;
	}
	lower = strata_lower_positive(old);
	if (lower < 0)
		return lower;
	r.old_lower = lower;

	/* Copy-ups first, then freeze protection: see strata_mnt_get_write(). */
	err = strata_get_write_access(old->d_sb);
	if (err)
		return err;
	err = strata_rename_prepare(&r);
	if (err)
		goto out_put_write_access;
	strata_start_write(old->d_sb);

	r.old_upperdir = strata_i_upper(olddir);
	r.new_upperdir = strata_i_upper(newdir);
	err = strata_rename_impure(&r, olddir, newdir);
	if (err)
		goto out_drop_write;
	cred = strata_override_creds(old->d_sb);
	if (has_whiteouts && new_inode && strata_i_upper(new_inode)) {
		r.cleared = strata_clear_empty(r.ofs, new, r.new_upperdir);
		err = PTR_ERR_OR_ZERO(r.cleared);
		if (err)
			r.cleared = NULL;
	}
	if (!err)
		err = strata_rename_upper(&r);
	strata_revert_creds(cred);
	strata_dir_changed(olddir);
	if (newdir != olddir)
		strata_dir_changed(newdir);
	if (r.cleared)
		strata_dir_changed(new_inode);	/* its upper part was replaced */
	dput(r.cleared);
	if (!err)
		strata_rename_done(&r, olddir, newdir, new_inode);
out_drop_write:
	strata_drop_write(old->d_sb);
	if (!err && r.overwrite && new_inode)
		strata_hl_after_change(new_inode);
	return err;

out_put_write_access:
	strata_put_write_access(old->d_sb);
	return err;
}
